package dev.aiops.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.config.CollectorProperties;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.platform.outbound.UrlGuardProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbound rules of federated queries: a cluster's {@code prometheus_url} comes from a user's
 * registration, so it is vetted by the platform's guard before every call, the connection goes only to the
 * address that check approved, and redirects are not followed. Served by a loopback HTTP server answering
 * as Prometheus' API v1 does, which counts what reaches it (the federation suites query real Prometheus).
 */
class PrometheusClientTests {

    private static final String EMPTY_VECTOR =
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
    private static final Map<String, List<String>> QUERY = Map.of("query", List.of("up"));

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> acceptEncoding = new AtomicReference<>();
    private PrometheusClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            requests.incrementAndGet();
            acceptEncoding.set(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            byte[] body = EMPTY_VECTOR.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved/api/v1/query", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + port() + "/api/v1/query");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        if (client != null) {
            client.destroy();
        }
    }

    /** First answer loopback (allowed in these guards), every later one the cloud metadata address. */
    static final class RebindingResolver implements OutboundUrlGuard.Resolver {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                    : new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        }
    }

    @Test
    void shouldQueryThroughTheCheckedAddressWhileTheAnswerIsPinned() throws Exception {
        RebindingResolver resolver = new RebindingResolver();
        client = client(true, Duration.ofSeconds(30), resolver);

        for (int i = 0; i < 3; i++) {
            PrometheusClient.Answer answer =
                    client.call(cluster("http://prom.rebind.example:" + port()), "query", QUERY, Duration.ofSeconds(5));
            assertThat(answer.data().path("resultType").asString()).isEqualTo("vector");
        }
        assertThat(resolver.lookups).hasValue(1);
        assertThat(requests).hasValue(3);
        // no gzip asked for: ten Prometheus servers compressing every answer cost more than the bytes saved
        assertThat(acceptEncoding).hasValue("identity");
    }

    @Test
    void shouldRefuseAtConnectANameThatNowResolvesToTheMetadataAddress() {
        RebindingResolver resolver = new RebindingResolver();
        // no pinning: the connection makes its own (second) lookup, which answers 169.254.169.254
        client = client(true, Duration.ZERO, resolver);

        assertThatThrownBy(() -> client.call(
                        cluster("http://prom.rebind.example:" + port()), "query", QUERY, Duration.ofSeconds(5)))
                .isInstanceOf(PrometheusApiException.class)
                .hasMessageContaining("prometheus_url refused at connect")
                .hasMessageContaining("link-local");
        assertThat(resolver.lookups).hasValue(2);
        assertThat(requests).hasValue(0);
    }

    @Test
    void shouldRefuseLoopbackUnlessAllowed() {
        client = client(false, Duration.ofSeconds(30), OutboundUrlGuard.Resolver.SYSTEM);

        assertThatThrownBy(
                        () -> client.call(cluster("http://127.0.0.1:" + port()), "query", QUERY, Duration.ofSeconds(5)))
                .isInstanceOf(PrometheusApiException.class)
                .hasMessageContaining("loopback");
        assertThat(requests).hasValue(0);
    }

    @Test
    void shouldNotFollowARedirect() {
        client = client(true, Duration.ofSeconds(30), OutboundUrlGuard.Resolver.SYSTEM);

        assertThatThrownBy(() -> client.call(
                        cluster("http://127.0.0.1:" + port() + "/moved"), "query", QUERY, Duration.ofSeconds(5)))
                .isInstanceOf(PrometheusApiException.class)
                .hasMessageContaining("HTTP 302");
        assertThat(requests).hasValue(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static ClusterConnection cluster(String prometheusUrl) {
        return new ClusterConnection(UUID.randomUUID(), "edge", prometheusUrl, "token", null);
    }

    private static PrometheusClient client(boolean allowLoopback, Duration pinTtl, OutboundUrlGuard.Resolver dns) {
        CollectorProperties.Federation defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("aiops.collector.federation", CollectorProperties.Federation.class);
        UrlGuardProperties guard = defaults.urlGuard();
        return new PrometheusClient(
                defaults,
                JsonMapper.builder().build(),
                new OutboundUrlGuard(
                        new UrlGuardProperties(
                                guard.deniedHosts(),
                                guard.deniedNetworks(),
                                allowLoopback,
                                guard.resolveTimeout(),
                                pinTtl),
                        dns));
    }
}
