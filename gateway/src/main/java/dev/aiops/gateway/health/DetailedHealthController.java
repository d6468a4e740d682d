package dev.aiops.gateway.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiops.gateway.config.GatewayProperties;
import dev.aiops.platform.config.ServiceEndpointsProperties;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /health/detailed}: every service's {@code /actuator/health} and Redis, asked in parallel
 * with a per-check timeout so one hung service cannot stall the answer. UP when everything is up,
 * DEGRADED when something is down but the platform still answers, DOWN (503) when no service is up.
 * Redis down is DEGRADED: the gateway keeps routing (rate limits fail open).
 */
@RestController
class DetailedHealthController {

    static final String UP = "UP";
    static final String DOWN = "DOWN";
    static final String DEGRADED = "DEGRADED";

    record ServiceHealth(
            String status,
            String url,
            @JsonProperty("latency_ms") long latencyMs) {}

    record DependencyHealth(String status) {}

    record DetailedHealth(
            String status, Map<String, ServiceHealth> services, Map<String, DependencyHealth> dependencies) {}

    // actuator adds components/groups when details are shown; only the status matters here
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActuatorHealth(String status) {}

    private final ServiceEndpointsProperties endpoints;
    private final ReactiveRedisConnectionFactory redis;
    private final Duration timeout;
    private final WebClient client;

    DetailedHealthController(
            ServiceEndpointsProperties endpoints, ReactiveRedisConnectionFactory redis, GatewayProperties properties) {
        this.endpoints = endpoints;
        this.redis = redis;
        this.timeout = properties.healthTimeout();
        // no spring-boot-webclient here, so no Builder bean; probes stay unobserved on purpose: they are
        // not user traffic, and their client metrics would clash with the gateway's own tag set
        this.client = WebClient.builder().build();
    }

    @Operation(summary = "Health of every service and dependency (viewer)")
    @GetMapping("/health/detailed")
    Mono<ResponseEntity<DetailedHealth>> detailed() {
        Mono<Map<String, ServiceHealth>> services = Flux.fromIterable(
                        endpoints.services().keySet())
                .filter(name -> !name.equals("gateway"))
                .flatMap(name -> check(endpoints.url(name)).map(health -> Map.entry(name, health)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
        Mono<DependencyHealth> redisHealth = pingRedis();
        return Mono.zip(services, redisHealth).map(both -> {
            Map<String, ServiceHealth> byName = both.getT1();
            DependencyHealth redisStatus = both.getT2();
            String overall = overall(byName, redisStatus);
            DetailedHealth body = new DetailedHealth(overall, byName, Map.of("redis", redisStatus));
            return ResponseEntity.status(overall.equals(DOWN) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                    .body(body);
        });
    }

    static String overall(Map<String, ServiceHealth> services, DependencyHealth redis) {
        long up = services.values().stream().filter(s -> s.status().equals(UP)).count();
        if (!services.isEmpty() && up == 0) {
            return DOWN;
        }
        return up == services.size() && redis.status().equals(UP) ? UP : DEGRADED;
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
                            up ? UP : DOWN, base.toString(), (System.nanoTime() - started) / 1_000_000));
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
