package dev.aiops.gateway.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiops.gateway.config.GatewayProperties;
import dev.aiops.platform.config.ServiceEndpointsProperties;
import dev.aiops.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /health/detailed}: every service's {@code /actuator/health}, Redis and PostgreSQL, asked in
 * parallel with a per-check timeout so one hung service cannot stall the answer. UP when everything is
 * up, DEGRADED when something is down but the platform still answers, DOWN (503) when no service is up.
 * Redis down is DEGRADED: the gateway keeps routing (reads fail open).
 *
 * <p>Viewers see each status only; the services' internal URLs and the latencies are for admins (they
 * map the internal network and show which service is slow to whoever would attack it).
 */
@RestController
class DetailedHealthController {

    static final String UP = "UP";
    static final String DOWN = "DOWN";
    static final String DEGRADED = "DEGRADED";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceHealth(
            String status,
            String url,
            @JsonProperty("latency_ms") Long latencyMs) {

        ServiceHealth statusOnly() {
            return new ServiceHealth(status, null, null);
        }
    }

    record DependencyHealth(String status) {}

    record DetailedHealth(
            String status, Map<String, ServiceHealth> services, Map<String, DependencyHealth> dependencies) {}

    // actuator adds components/groups when details are shown; only the status matters here
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActuatorHealth(String status) {}

    private final ServiceEndpointsProperties endpoints;
    private final ReactiveRedisConnectionFactory redis;
    private final PostgresProbe postgres;
    private final Duration timeout;
    private final WebClient client;

    DetailedHealthController(
            ServiceEndpointsProperties endpoints,
            ReactiveRedisConnectionFactory redis,
            GatewayProperties properties,
            @Value("${spring.datasource.url:}") String postgresUrl) {
        this.endpoints = endpoints;
        this.redis = redis;
        this.postgres = PostgresProbe.of(postgresUrl, properties.healthTimeout());
        this.timeout = properties.healthTimeout();
        // no spring-boot-webclient here, so no Builder bean; probes stay unobserved on purpose: they are
        // not user traffic, and their client metrics would clash with the gateway's own tag set
        this.client = WebClient.builder().build();
    }

    @Operation(summary = "Health of every service and dependency (viewer; URLs and latencies for admins)")
    @GetMapping("/health/detailed")
    Mono<ResponseEntity<DetailedHealth>> detailed(ServerWebExchange exchange) {
        Mono<Boolean> admin = exchange.getPrincipal()
                .map(principal -> principal instanceof Authentication auth
                        && auth.getAuthorities().stream()
                                .anyMatch(a -> Roles.authority(Roles.ADMIN).equals(a.getAuthority())))
                .defaultIfEmpty(false);
        Mono<Map<String, ServiceHealth>> services = Flux.fromIterable(
                        endpoints.services().keySet())
                .filter(name -> !name.equals("gateway"))
                .flatMap(name -> check(endpoints.url(name)).map(health -> Map.entry(name, health)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
        Mono<Map<String, DependencyHealth>> dependencies = Flux.concat(
                        pingRedis().map(health -> Map.entry("redis", health)),
                        postgres == null
                                ? Mono.<Map.Entry<String, DependencyHealth>>empty()
                                : postgres.check()
                                        .map(up -> Map.entry("postgresql", new DependencyHealth(up ? UP : DOWN))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
        return Mono.zip(services, dependencies, admin).map(all -> {
            Map<String, ServiceHealth> byName = all.getT1();
            String overall = overall(byName, all.getT2());
            Map<String, ServiceHealth> shown = all.getT3() ? byName : statusOnly(byName);
            DetailedHealth body = new DetailedHealth(overall, shown, all.getT2());
            return ResponseEntity.status(overall.equals(DOWN) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                    .body(body);
        });
    }

    static String overall(Map<String, ServiceHealth> services, Map<String, DependencyHealth> dependencies) {
        long up = services.values().stream().filter(s -> s.status().equals(UP)).count();
        if (!services.isEmpty() && up == 0) {
            return DOWN;
        }
        boolean dependenciesUp =
                dependencies.values().stream().allMatch(d -> d.status().equals(UP));
        return up == services.size() && dependenciesUp ? UP : DEGRADED;
    }

    private static Map<String, ServiceHealth> statusOnly(Map<String, ServiceHealth> services) {
        Map<String, ServiceHealth> result = new TreeMap<>();
        services.forEach((name, health) -> result.put(name, health.statusOnly()));
        return result;
    }

    private Mono<ServiceHealth> check(URI base) {
        String url = base.toString().replaceAll("/+$", "") + "/actuator/health";
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return client.get()
                    .uri(url)
                    .exchangeToMono(response -> response.bodyToMono(ActuatorHealth.class)
                            .map(body -> response.statusCode().is2xxSuccessful() && UP.equals(body.status()))
                            .defaultIfEmpty(false))
                    .timeout(timeout)
                    .onErrorReturn(false)
                    .map(up -> new ServiceHealth(
                            up ? UP : DOWN, base.toString(), (System.nanoTime() - started) / 1_000_000L));
        });
    }

    private Mono<DependencyHealth> pingRedis() {
        return Mono.usingWhen(
                        Mono.fromSupplier(redis::getReactiveConnection),
                        connection -> connection.ping(),
                        ReactiveRedisConnection::closeLater)
                .timeout(timeout)
                .map(pong -> new DependencyHealth(UP))
                .onErrorReturn(new DependencyHealth(DOWN));
    }
}
