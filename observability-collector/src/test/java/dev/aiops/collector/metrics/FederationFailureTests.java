package dev.aiops.collector.metrics;

import static dev.aiops.collector.metrics.PromJson.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/** A dead or hanging Prometheus costs its own cluster only; partial_response=abort fails the whole query. */
class FederationFailureTests extends FederationIntegrationTest {

    @Autowired
    Tokens tokens;

    @Autowired
    RestTestClient client;

    @LocalServerPort
    int port;

    final List<UUID> extraClusters = new ArrayList<>();

    @BeforeEach
    void fleetRegistered() {
        FIXTURE.registerClusters(tokens.token("operator"));
    }

    @AfterEach
    void deleteExtraClusters() {
        extraClusters.forEach(id -> FIXTURE.delete(tokens.token("admin"), id));
    }

    @Test
    void shouldAnswerFromTheOthersAndMarkAStoppedPrometheusAsFailed() {
        UUID stopped = registerStoppedPrometheus();

        JsonNode answer = query(List.of(FIXTURE.id(FIXTURE.alpha()), stopped, FIXTURE.id(FIXTURE.beta())), "warn")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(answer.path("clusters_queried").asInt()).isEqualTo(3);
        assertThat(answer.path("clusters_succeeded").asInt()).isEqualTo(2);
        for (JsonNode result : answer.path("results")) {
            if (result.path("cluster_id").asString().equals(stopped.toString())) {
                assertThat(result.path("status").asString()).isIn("ERROR", "TIMEOUT");
                assertThat(result.path("error").asString()).isNotBlank();
            } else {
                assertThat(result.path("status").asString()).isEqualTo("SUCCESS");
                assertThat(result.path("data").size()).isEqualTo(2);
            }
        }
        assertThat(answer.path("warnings").toString()).contains("stopped-");
    }

    @Test
    void shouldFailTheWholeQueryWith503NamingTheClusterWhenPartialResponseIsAbort() {
        UUID stopped = registerStoppedPrometheus();

        query(List.of(FIXTURE.id(FIXTURE.alpha()), stopped), "abort")
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SERVICE_UNAVAILABLE")
                .jsonPath("$.clusters[0]")
                .value(name -> assertThat((String) name).startsWith("stopped-"));

        JsonNode prometheusStyle = PromJson.get(
                URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/query?partial_response=abort&query="
                        + enc("aiops_test_temperature")),
                "Bearer " + tokens.token("viewer"));
        assertThat(prometheusStyle.path("_http_status").asInt()).isEqualTo(503);
        assertThat(prometheusStyle.path("errorType").asString()).isEqualTo("unavailable");
        assertThat(prometheusStyle.path("error").asString()).contains("stopped-");
    }

    @Test
    void shouldMarkAHangingPrometheusAsTimeoutWithoutHoldingTheOthers() throws IOException {
        try (Hanging hanging = new Hanging()) {
            UUID id = FIXTURE.register(tokens.token("operator"), "hanging-" + suffix(), hanging.url());
            extraClusters.add(id);

            JsonNode answer = client.post()
                    .uri("/api/v1/metrics/query")
                    .headers(tokens.as("viewer"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"query\": \"aiops_test_temperature\", \"timeout\": 2, \"cluster_ids\": [\""
                            + FIXTURE.id(FIXTURE.gamma()) + "\", \"" + id + "\"]}")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(answer.path("results").get(0).path("status").asString()).isEqualTo("SUCCESS");
            assertThat(answer.path("results").get(1).path("status").asString()).isEqualTo("TIMEOUT");
            assertThat(answer.path("clusters_succeeded").asInt()).isEqualTo(1);
        }
    }

    @Test
    void shouldStopQueryingADeletedClusterOnceTheRegistrySaysSo() {
        try (PrometheusServer extra = PrometheusServer.start()) {
            String name = "deleted-" + suffix();
            UUID id =
                    FIXTURE.register(tokens.token("operator"), name, extra.url().toString());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> clustersAnswering().contains(name));

            FIXTURE.delete(tokens.token("admin"), id);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !clustersAnswering().contains(name));
        }
    }

    @Test
    void shouldRejectUnknownClusterIdsNamingThem() {
        UUID unknown = UUID.randomUUID();
        query(List.of(FIXTURE.id(FIXTURE.alpha()), unknown), "warn")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field")
                .isEqualTo("cluster_ids")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(unknown.toString()));
    }

    @Test
    void shouldRejectAPromQlSyntaxErrorAsBadDataOnTheCompatibleApiAndProblemJsonOnOurs() {
        JsonNode prometheusStyle = PromJson.get(
                URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/query?query=" + enc("sum(rate(x[5m])")),
                "Bearer " + tokens.token("viewer"));
        assertThat(prometheusStyle.path("_http_status").asInt()).isEqualTo(400);
        assertThat(prometheusStyle.path("status").asString()).isEqualTo("error");
        assertThat(prometheusStyle.path("errorType").asString()).isEqualTo("bad_data");
        assertThat(prometheusStyle.path("error").asString()).contains("parse error");

        client.post()
                .uri("/api/v1/metrics/query")
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"query\": \"sum(rate(x[5m])\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("query");
    }

    @Test
    void shouldRejectARangeWithMoreThan11000PointsPerSeries() {
        JsonNode answer = PromJson.get(
                URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/query_range?query=up&start=0&end=11000"
                        + "&step=1"),
                "Bearer " + tokens.token("viewer"));
        assertThat(answer.path("_http_status").asInt()).isEqualTo(400);
        assertThat(answer.path("errorType").asString()).isEqualTo("bad_data");
        assertThat(answer.path("error").asString()).contains("11,000 points");

        JsonNode justUnder = PromJson.get(
                URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/query_range?query=up&start=0&end=10999"
                        + "&step=1"),
                "Bearer " + tokens.token("viewer"));
        assertThat(justUnder.path("status").asString()).isEqualTo("success");
    }

    @Test
    void shouldAcceptTheTokenAsBasicAuthPasswordOnThePrometheusApiOnly() {
        String basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(("grafana:" + tokens.token("viewer"))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode answer = PromJson.get(
                URI.create(
                        "http://127.0.0.1:" + port + "/prometheus/api/v1/query?query=" + enc("count(aiops_test_load)")),
                basic);
        assertThat(answer.path("status").asString()).isEqualTo("success");

        client.get()
                .uri("/api/v1/metrics/labels")
                .header("Authorization", basic)
                .exchange()
                .expectStatus()
                .isUnauthorized();

        String wrong = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString("grafana:not-a-token".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(PromJson.get(URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/labels"), wrong)
                        .path("_http_status")
                        .asInt())
                .isEqualTo(401);
    }

    private List<String> clustersAnswering() {
        JsonNode answer = PromJson.get(
                URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/label/cluster/values"),
                "Bearer " + tokens.token("viewer"));
        List<String> names = new ArrayList<>();
        answer.path("data").forEach(n -> names.add(n.asString()));
        return names;
    }

    private UUID registerStoppedPrometheus() {
        PrometheusServer prometheus = PrometheusServer.start();
        String url = prometheus.url().toString();
        prometheus.stop();
        UUID id = FIXTURE.register(tokens.token("operator"), "stopped-" + suffix(), url);
        extraClusters.add(id);
        return id;
    }

    private RestTestClient.ResponseSpec query(List<UUID> clusters, String partialResponse) {
        return client.post()
                .uri("/api/v1/metrics/query?partial_response=" + partialResponse)
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"query\": \"aiops_test_temperature\", \"cluster_ids\": ["
                        + String.join(
                                ",",
                                clusters.stream().map(id -> "\"" + id + "\"").toList())
                        + "]}")
                .exchange();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Accepts connections and never answers: a Prometheus that hangs. */
    static final class Hanging implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

        Hanging() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
