package dev.aiops.intelligence.analysis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.aiops.intelligence.support.RegistryProcess;
import dev.aiops.intelligence.support.TestServices;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.PrometheusServer;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The real observability collector (its jar in its own JVM, on a database of its own and the test kit's Redis,
 * reading clusters from the real registry) in front of a real Prometheus, started once per test JVM. The
 * engine's context keeps one collector URL (the shared WireMock of {@link TestServices}); the range-query path
 * is proxied from there to this collector, so range queries travel the real federation. The PromQL the tests
 * send computes its series from {@code time()}, so a fresh Prometheus answers any range with known values.
 */
final class RealCollector {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static ServiceJarServer collector;
    private static PrometheusServer prometheus;

    private RealCollector() {}

    /** Starts Prometheus and the collector once, and routes the engine's range queries to the collector. */
    static synchronized URI start() {
        if (collector == null) {
            prometheus = PrometheusServer.builder().start();
            PostgresDatabase db = SharedPostgres.get()
                    .createDatabase(
                            "analysis_collector_" + UUID.randomUUID().toString().substring(0, 8));
            SharedRedis redis = SharedRedis.get();
            collector = ServiceJarServer.builder(locateJar())
                    .property("spring.datasource.url", db.jdbcUrl())
                    .property("spring.datasource.username", db.username())
                    .property("spring.datasource.password", db.password())
                    .property("spring.data.redis.host", redis.host())
                    .property("spring.data.redis.port", Integer.toString(redis.port()))
                    .property("aiops.security.dev-mode", "true")
                    .property("aiops.security.dev-secret", RegistryProcess.DEV_SECRET)
                    .property("aiops.services.cluster-registry.url", RegistryProcess.url())
                    .property("logging.structured.format.console", "")
                    .property("logging.level.root", "WARN")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(prometheus::stop, "analysis-prometheus-stop"));
        }
        TestServices.platform()
                .stubFor(post(urlPathEqualTo("/api/v1/metrics/query_range"))
                        .atPriority(1)
                        .willReturn(aResponse().proxiedFrom(collector.url().toString())));
        return collector.url();
    }

    /** Registers a cluster whose Prometheus is the real one; returns its id. */
    static UUID registerCluster(String adminToken, String name) {
        String body = """
                {"name": "%s", "api_server_url": "http://127.0.0.1:1", "cluster_type": "EDGE", "platform": "KUBERNETES",
                 "region": "eu-west", "endpoints": {"prometheus_url": "%s"}}
                """.formatted(name, prometheus.url());
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(RegistryProcess.url() + "/api/v1/clusters"))
                            .header("Authorization", "Bearer " + adminToken)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("registry answered " + response.statusCode() + ": " + response.body());
            }
            Matcher m = ID.matcher(response.body());
            if (!m.find()) {
                throw new IllegalStateException("no id in " + response.body());
            }
            return UUID.fromString(m.group(1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the collector federates to the newly registered cluster (it learns of it by event). */
    static void awaitKnown(UUID clusterId, String viewerToken) {
        String body = "{\"query\": \"vector(1)\", \"cluster_ids\": [\"" + clusterId
                + "\"], \"start_time\": \"2026-01-01T00:00:00Z\", \"end_time\": \"2026-01-01T00:10:00Z\", \"step\": \"1m\"}";
        Awaitility.await("collector knows cluster " + clusterId)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> response = HTTP.send(
                            HttpRequest.newBuilder(collector.url().resolve("/api/v1/metrics/query_range"))
                                    .header("Authorization", "Bearer " + viewerToken)
                                    .header("Content-Type", "application/json")
                                    .header("Cache-Control", "no-cache")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("\"SUCCESS\"");
                });
    }

    /**
     * The collector built from this checkout: it must let platform services (continuous detection) use the
     * metrics API.
     */
    private static Path locateJar() {
        Path target = Path.of("..", "observability-collector", "target")
                .toAbsolutePath()
                .normalize();
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("observability-collector-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("The analysis tests run the real collector: build it first with"
                    + " ./mvnw -pl observability-collector -am package -DskipTests (looked in " + target + ")");
        }
    }
}
