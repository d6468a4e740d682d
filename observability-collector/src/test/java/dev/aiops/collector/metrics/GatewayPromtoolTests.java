package dev.aiops.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.FederationFixture;
import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.AlertmanagerServer;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The way a Prometheus client and an Alertmanager reach the platform in production: through the real gateway
 * (its jar, on the test's own Redis and ports) in front of this collector. promtool sends the platform token
 * as the basic-auth password of the server URL, which the gateway accepts on {@code /prometheus/**} only; a
 * real Alertmanager posts to the webhook with its cluster's basic-auth credentials, which the gateway lets
 * through for the collector to check.
 */
class GatewayPromtoolTests extends FederationIntegrationTest {

    private static ServiceJarServer gateway;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    String server;

    @BeforeEach
    void gatewayInFront() {
        FIXTURE.registerClusters(tokens.token("operator"));
        if (gateway == null) {
            gateway = startGateway(port);
        }
        server = "http://grafana:" + tokens.token("viewer") + "@127.0.0.1:" + gateway.port() + "/prometheus";
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.stop();
            gateway = null;
        }
    }

    @Test
    void shouldAnswerPromtoolThroughTheGatewayAsTheCollectorDoesDirectly() throws Exception {
        long at = Instant.now().getEpochSecond() - 1;
        String direct = "http://grafana:" + tokens.token("viewer") + "@127.0.0.1:" + port + "/prometheus";

        JsonNode viaGateway = PromtoolTests.promtool(
                "query", "instant", "-o", "json", "--time=" + at, server, "aiops_test_temperature");
        JsonNode viaCollector = PromtoolTests.promtool(
                "query", "instant", "-o", "json", "--time=" + at, direct, "aiops_test_temperature");

        assertThat(vector(viaGateway)).isEqualTo(vector(viaCollector)).hasSize(5);
        TreeSet<String> clusters = new TreeSet<>();
        viaGateway.forEach(s -> clusters.add(s.path("metric").path("cluster").asString()));
        assertThat(clusters).containsExactlyElementsOf(new TreeSet<>(FIXTURE.clusterNames()));

        long end = at - at % 2;
        JsonNode range = PromtoolTests.promtool(
                "query",
                "range",
                "-o",
                "json",
                "--start=" + (end - 4),
                "--end=" + end,
                "--step=2s",
                server,
                "sum by (mode) (aiops_test_load)");
        JsonNode rangeDirect = PromtoolTests.promtool(
                "query",
                "range",
                "-o",
                "json",
                "--start=" + (end - 4),
                "--end=" + end,
                "--step=2s",
                direct,
                "sum by (mode) (aiops_test_load)");
        assertThat(range.toString()).isEqualTo(rangeDirect.toString());
        assertThat(range.size()).isPositive();

        JsonNode series =
                PromtoolTests.promtool("query", "series", "-o", "json", "--match=aiops_test_temperature", server);
        assertThat(series.size()).isEqualTo(5);
        JsonNode labels = PromtoolTests.promtool("query", "labels", "-o", "json", server, "cluster");
        List<String> values = new ArrayList<>();
        labels.forEach(v -> values.add(v.asString()));
        assertThat(values).containsAll(FIXTURE.clusterNames());
    }

    @Test
    void shouldRefusePromtoolWithABadPasswordAtTheGateway() throws Exception {
        Process p = new ProcessBuilder(
                        PromtoolTests.PROMTOOL,
                        "query",
                        "instant",
                        "http://grafana:not-a-token@127.0.0.1:" + gateway.port() + "/prometheus",
                        "up")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("401");
    }

    @Test
    void shouldRecordAnAlertARealAlertmanagerPostsThroughTheGatewayWithBasicAuth() throws Exception {
        String cluster = "am-gateway";
        UUID clusterId = FIXTURE.register(
                tokens.token("operator"),
                cluster,
                FIXTURE.fleet().prometheus(FIXTURE.alpha()).url().toString());
        URI webhook = URI.create("http://alertmanager:gateway-secret@127.0.0.1:" + gateway.port()
                + "/api/v1/alerts/webhook?cluster=" + cluster);
        URI webhookWithoutUser =
                URI.create("http://127.0.0.1:" + gateway.port() + "/api/v1/alerts/webhook?cluster=" + cluster);

        // the gateway passes the webhook on; the collector checks the cluster's credentials
        HttpResponse<String> wrong = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(webhookWithoutUser)
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                "alertmanager:wrong".getBytes(StandardCharsets.UTF_8)))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"4\",\"alerts\":[]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);

        try (AlertmanagerServer alertmanager =
                AlertmanagerServer.builder().webhook(webhook).start()) {
            // what Prometheus does: post the firing alert to Alertmanager's API v2
            HttpResponse<String> posted = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(alertmanager.url().resolve("/api/v2/alerts"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("[{\"labels\": {\"alertname\":"
                                            + " \"AiopsGatewayProbe\", \"severity\": \"warning\"},"
                                            + " \"annotations\": {\"summary\": \"through the gateway\"},"
                                            + " \"startsAt\": \""
                                            + Instant.now().minusSeconds(5) + "\"}]"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
            Awaitility.await("AiopsGatewayProbe recorded through the gateway")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> jdbc.queryForList(
                                    "select state || '/' || source from alert_history where cluster_id = ?"
                                            + " and alertname = ?",
                                    String.class,
                                    clusterId,
                                    "AiopsGatewayProbe"),
                            List.of("FIRING/WEBHOOK")::equals);
        }
    }

    private static java.util.Map<String, String> vector(JsonNode answer) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        answer.forEach(s -> out.put(s.path("metric").toString(), s.path("value").toString()));
        return out;
    }

    /** The gateway jar on free ports, with this test's Redis, database URL and collector: no platform defaults. */
    private static ServiceJarServer startGateway(int collectorPort) {
        SharedRedis redis = SharedRedis.get();
        PostgresDatabase database = SharedPostgres.get().createDatabase("collector_gateway_probe");
        return ServiceJarServer.builder(
                        Path.of(System.getProperty("aiops.test.gateway-jar", "target/services/gateway.jar")))
                .port(ServiceJarServer.freePort())
                .property("spring.data.redis.host", redis.host())
                .property("spring.data.redis.port", String.valueOf(redis.port()))
                // the gateway has no database; its detailed health probes this one, never the platform default
                .property("spring.datasource.url", database.jdbcUrl())
                .property("aiops.security.dev-mode", "true")
                .property("aiops.security.dev-secret", FederationFixture.DEV_SECRET)
                .property("aiops.services.observability-collector.url", "http://127.0.0.1:" + collectorPort)
                .property(
                        "aiops.services.cluster-registry.url",
                        FIXTURE.registryUrl().toString())
                .property("aiops.gateway.rate-limits.global.limit", "100000")
                .property("aiops.gateway.rate-limits.per-user.limit", "100000")
                .property("aiops.gateway.rate-limits.per-user.burst", "100000")
                .property("logging.structured.format.console", "")
                .start();
    }
}
