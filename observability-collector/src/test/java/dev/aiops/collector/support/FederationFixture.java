package dev.aiops.collector.support;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.PrometheusFleet;
import dev.aiops.testkit.PrometheusServer;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The real world the federation tests run against, started once per JVM: cluster-registry from its jar
 * (own database, the shared Redis, the collector's dev secret so tokens work both ways), three real
 * Prometheus servers scraping real targets and a global Prometheus scraping all of them, and the three
 * clusters registered through the registry's REST API.
 */
public final class FederationFixture {

    /** The collector's test dev secret (application-test.yml): the registry must accept its tokens. */
    public static final String DEV_SECRET = "observability-collector-test-secret-of-32-chars-or-more";

    private static volatile FederationFixture instance;

    private final CompletableFuture<ServiceJarServer> registry;
    private final URI registryUrl;
    private final PrometheusFleet fleet;
    private final Map<String, UUID> clusterIds = new LinkedHashMap<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);

    private FederationFixture() {
        PostgresDatabase database = SharedPostgres.get().createDatabase("collector_registry");
        SharedRedis redis = SharedRedis.get();
        String jar = System.getProperty("aiops.test.cluster-registry-jar", "target/services/cluster-registry.jar");
        int port = ServiceJarServer.freePort();
        registryUrl = URI.create("http://127.0.0.1:" + port);
        ServiceJarServer.Builder builder = ServiceJarServer.builder(Path.of(jar))
                .port(port)
                .property("spring.datasource.url", database.jdbcUrl())
                .property("spring.datasource.username", database.username())
                .property("spring.datasource.password", database.password())
                .property("spring.data.redis.host", redis.host())
                .property("spring.data.redis.port", String.valueOf(redis.port()))
                .property("aiops.security.dev-mode", "true")
                .property("aiops.security.dev-secret", DEV_SECRET)
                .property("aiops.registry.url-guard.allow-loopback", "true")
                .property("aiops.outbox.poll-interval", "200ms")
                .property("aiops.registry.health.enabled", "false")
                .property("aiops.registry.discovery.enabled", "false")
                .property("logging.structured.format.console", "");
        // the registry starts while the collector's context does: on a busy machine each takes minutes
        registry = CompletableFuture.supplyAsync(builder::start);
        fleet = PrometheusFleet.start(Map.of(
                alpha(), List.of(exposition(1, 1), exposition(1, 2) + "aiops_test_info{cluster=\"legacy-dc\"} 1\n"),
                beta(), List.of(exposition(2, 1), exposition(2, 2)),
                gamma(), List.of(exposition(3, 1))));
    }

    public static FederationFixture get() {
        if (instance == null) {
            synchronized (FederationFixture.class) {
                if (instance == null) {
                    instance = new FederationFixture();
                }
            }
        }
        return instance;
    }

    public String alpha() {
        return "fed-alpha-" + suffix;
    }

    public String beta() {
        return "fed-beta-" + suffix;
    }

    public String gamma() {
        return "fed-gamma-" + suffix;
    }

    public List<String> clusterNames() {
        return List.of(alpha(), beta(), gamma());
    }

    /** Where the registry listens, maybe not yet: for configuring the collector while both start. */
    public URI registryUrl() {
        return registryUrl;
    }

    /** Where the registry listens, once it answers: for calling it. */
    public URI runningRegistryUrl() {
        awaitRegistry();
        return registryUrl;
    }

    private void awaitRegistry() {
        try {
            registry.get();
        } catch (Exception e) {
            throw new IllegalStateException("cluster-registry did not start", e);
        }
    }

    public PrometheusFleet fleet() {
        return fleet;
    }

    public PrometheusServer global() {
        return fleet.global();
    }

    public UUID id(String clusterName) {
        return clusterIds.get(clusterName);
    }

    public List<UUID> ids() {
        return clusterNames().stream().map(this::id).toList();
    }

    /** Registers the three clusters (once) and waits until every Prometheus has all its series. */
    public synchronized void registerClusters(String operatorToken) {
        awaitRegistry();
        if (clusterIds.isEmpty()) {
            for (String name : clusterNames()) {
                clusterIds.put(
                        name,
                        register(
                                operatorToken,
                                name,
                                fleet.prometheus(name).url().toString()));
            }
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> fleet.global().query("count(aiops_test_load)").contains("\"25\"")
                        && clusterNames().stream()
                                .allMatch(n -> !fleet.prometheus(n)
                                        .query("aiops_test_load")
                                        .contains("\"result\":[]")));
    }

    /** Registers a cluster through the registry's API and returns its id. */
    public UUID register(String operatorToken, String name, String prometheusUrl) {
        return register(operatorToken, name, prometheusUrl, null);
    }

    /** Registers a cluster with a Prometheus and (when not null) an Alertmanager; returns its id. */
    public UUID register(String operatorToken, String name, String prometheusUrl, String alertmanagerUrl) {
        awaitRegistry();
        String alertmanager = alertmanagerUrl == null ? "" : ", \"alertmanager_url\": \"" + alertmanagerUrl + "\"";
        String body = """
                {"name": "%s", "api_server_url": "https://127.0.0.1:6443", "platform": "KUBERNETES",
                 "endpoints": {"prometheus_url": "%s"%s}}
                """.formatted(name, prometheusUrl, alertmanager);
        HttpResponse<String> response = send(HttpRequest.newBuilder(registryUrl.resolve("/api/v1/clusters"))
                .header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "registering " + name + ": " + response.statusCode() + " " + response.body());
        }
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return UUID.fromString(id.group(1));
    }

    /** Deletes a cluster through the registry's API. */
    public void delete(String adminToken, UUID id) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(registryUrl.resolve("/api/v1/clusters/" + id))
                .header("Authorization", "Bearer " + adminToken)
                .DELETE());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("deleting " + id + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient()
                    .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Target {@code t} of cluster {@code c}: gauges and counters with fixed, distinct values (so topk has no
     * ties and every Prometheus reads the same numbers whenever it scrapes).
     */
    static String exposition(int c, int t) {
        double base = c * 10 + t;
        return """
                # HELP aiops_test_load A gauge the test fixes.
                # TYPE aiops_test_load gauge
                aiops_test_load{mode="user"} %s
                aiops_test_load{mode="system"} %s
                aiops_test_load{mode="idle"} %s
                aiops_test_load{mode="iowait"} %s
                aiops_test_load{mode="steal"} %s
                # HELP aiops_test_requests_total Requests, fixed.
                # TYPE aiops_test_requests_total counter
                aiops_test_requests_total{code="200"} %s
                aiops_test_requests_total{code="500"} %s
                # TYPE aiops_test_temperature gauge
                aiops_test_temperature %s
                """.formatted(
                        base + 0.25,
                        base / 4 + 0.5,
                        100 - base,
                        (c * 7 + t * 3) % 5 + 0.125,
                        t == 1 ? 0 : 1,
                        (long) (base * 100),
                        c == 2 ? 5 : 3,
                        30 + c * 2.5 + t);
    }
}
