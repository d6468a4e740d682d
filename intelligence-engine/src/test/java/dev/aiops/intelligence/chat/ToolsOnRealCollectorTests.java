package dev.aiops.intelligence.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.aiops.intelligence.chat.ChatWithModelTests.PRIMARY_MODEL;
import static dev.aiops.intelligence.chat.ChatWithModelTests.marker;
import static dev.aiops.intelligence.chat.ChatWithModelTests.ok;
import static dev.aiops.intelligence.chat.ChatWithModelTests.primary;
import static dev.aiops.intelligence.chat.ChatWithModelTests.primaryWithToolResults;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.aiops.intelligence.support.CollectorProcess;
import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.LanguageModelStub;
import dev.aiops.intelligence.support.OpenAiWire;
import dev.aiops.intelligence.support.OpenAiWire.Call;
import dev.aiops.intelligence.support.RealCollectorIntegrationTest;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.PrometheusServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat turns whose tool calls reach the real observability collector (its jar, its own database), which
 * reads the cluster from the real registry and queries the real Prometheus registered as the cluster's
 * metrics endpoint. The model is the WireMock stub; what it is sent back must be the real data.
 */
@RealCollectorIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolsOnRealCollectorTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final WireMockServer llm = LanguageModelStub.server();

    PrometheusServer prometheus;
    String cluster;
    UUID clusterId;

    @BeforeAll
    void registerClusterWithRealPrometheus() {
        prometheus = CollectorProcess.prometheus();
        cluster = Fleet.uniqueName("edge-prom");
        clusterId = Fleet.registerWithPrometheus(
                tokens.token("admin"), cluster, prometheus.url().toString());
        // the collector learns of the cluster through CLUSTER_REGISTERED (or its refresh), and Prometheus
        // needs one scrape of itself before `up` has a sample
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String answer = collectorPost(
                            "/api/v1/metrics/query",
                            "{\"query\": \"up{job=\\\"prometheus\\\"}\", \"cluster_ids\": [\"" + clusterId + "\"]}");
                    // succeeded is not enough: before its first self-scrape Prometheus answers with no series
                    return answer.contains("\"clusters_succeeded\":1") && answer.contains("\"job\":\"prometheus\"");
                });
    }

    @Test
    void shouldFeedRealPrometheusDataFromTheCollectorBackToTheModel() {
        String marker = marker();
        llm.stubFor(primary(marker)
                .willReturn(ok(OpenAiWire.toolCalls(
                        PRIMARY_MODEL,
                        new Call(
                                "call_prom1",
                                "query_metrics",
                                "{\"query\": \"up{job=\\\"prometheus\\\"}\", \"clusters\": [\"" + cluster + "\"]}")))));
        llm.stubFor(primaryWithToolResults(marker)
                .willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "Prometheus on " + cluster + " is up."))));

        JsonNode answer = send(session(), "Is Prometheus up on " + cluster + "? " + marker);

        assertThat(answer.path("content").asString()).isEqualTo("Prometheus on " + cluster + " is up.");
        JsonNode result = answer.path("tool_results").get(0);
        assertThat(result.path("tool_call_id").asString()).isEqualTo("call_prom1");
        assertThat(result.path("status").asString()).isEqualTo("SUCCESS");

        List<JsonNode> requests = requests(marker);
        assertThat(requests).hasSize(2);
        JsonNode messages = requests.get(1).path("messages");
        JsonNode tool = messages.get(messages.size() - 1);
        assertThat(tool.path("role").asString()).isEqualTo("tool");
        assertThat(tool.path("tool_call_id").asString()).isEqualTo("call_prom1");
        // the series Prometheus itself reports, as the collector federated it for this cluster
        JsonNode sent = json.readTree(tool.path("content").asString());
        assertThat(sent.path("clusters_succeeded").asInt()).isEqualTo(1);
        JsonNode perCluster = sent.path("results").get(0);
        assertThat(perCluster.path("cluster_id").asString()).isEqualTo(clusterId.toString());
        assertThat(perCluster.path("status").asString()).isEqualTo("SUCCESS");
        JsonNode series = perCluster.path("data").get(0);
        assertThat(series.path("metric").path("job").asString()).isEqualTo("prometheus");
        assertThat(series.path("metric").path("instance").asString())
                .isEqualTo(prometheus.url().getAuthority());
        assertThat(series.path("value").get(1).asString()).isEqualTo("1");
        assertThat(prometheus.query("up{job=\"prometheus\"}"))
                .contains(prometheus.url().getAuthority());
    }

    @Test
    void shouldFeedAlertsTheCollectorReceivedFromAlertmanagerBackToTheModel() {
        String marker = marker();
        String alertname = "UpfPodRestarting" + marker.substring(2, 10);
        String fingerprint = marker.substring(2, 18);
        String webhook = """
                {"version": "4", "groupKey": "{}:{alertname=\\"%1$s\\"}", "truncatedAlerts": 0, "status": "firing",
                 "receiver": "aiops", "groupLabels": {"alertname": "%1$s"},
                 "commonLabels": {"alertname": "%1$s", "severity": "critical"}, "commonAnnotations": {},
                 "externalURL": "http://alertmanager:9093",
                 "alerts": [{"status": "firing",
                   "labels": {"alertname": "%1$s", "severity": "critical", "namespace": "open5gs",
                              "cluster": "%2$s", "cluster_id": "%3$s"},
                   "annotations": {"summary": "UPF pod restarting repeatedly"},
                   "startsAt": "%4$s", "endsAt": "0001-01-01T00:00:00Z",
                   "generatorURL": "http://prometheus:9090/graph?g0.expr=up", "fingerprint": "%5$s"}]}
                """.formatted(
                        alertname,
                        cluster,
                        clusterId,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60),
                        fingerprint);
        HttpResponse<String> received = collector("operator", "/api/v1/alerts/webhook", webhook);
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        llm.stubFor(primary(marker)
                .willReturn(ok(OpenAiWire.toolCalls(
                        PRIMARY_MODEL,
                        new Call(
                                "call_alerts1",
                                "list_alerts",
                                "{\"cluster\": \"" + cluster + "\", \"severity\": \"critical\"}")))));
        llm.stubFor(primaryWithToolResults(marker)
                .willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "One critical alert: " + alertname + "."))));

        JsonNode answer = send(session(), "Critical alerts on " + cluster + "? " + marker);

        assertThat(answer.path("tool_results").get(0).path("status").asString()).isEqualTo("SUCCESS");
        List<JsonNode> requests = requests(marker);
        assertThat(requests).hasSize(2);
        JsonNode messages = requests.get(1).path("messages");
        JsonNode tool = messages.get(messages.size() - 1);
        assertThat(tool.path("tool_call_id").asString()).isEqualTo("call_alerts1");
        JsonNode sent = json.readTree(tool.path("content").asString());
        assertThat(sent.path("total").asInt()).isEqualTo(1);
        JsonNode alert = sent.path("items").get(0);
        assertThat(alert.path("alertname").asString()).isEqualTo(alertname);
        assertThat(alert.path("fingerprint").asString()).isEqualTo(fingerprint);
        assertThat(alert.path("cluster_id").asString()).isEqualTo(clusterId.toString());
        assertThat(alert.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alert.path("state").asString()).isEqualTo("FIRING");
    }

    private String session() {
        return client.post()
                .uri("/api/v1/chat/sessions")
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("persona_id", "platform-ops"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("id")
                .asString();
    }

    private JsonNode send(String session, String content) {
        HttpResponse<String> response = call(
                "http://localhost:" + port + "/api/v1/chat/sessions/" + session + "/messages",
                "viewer",
                json.writeValueAsString(Map.of("content", content)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private List<JsonNode> requests(String marker) {
        return llm
                .findAll(postRequestedFor(urlPathMatching(LanguageModelStub.PRIMARY))
                        .withRequestBody(containing(marker)))
                .stream()
                .map(LoggedRequest::getBodyAsString)
                .map(json::readTree)
                .toList();
    }

    private String collectorPost(String path, String body) {
        return collector("viewer", path, body).body();
    }

    private HttpResponse<String> collector(String role, String path, String body) {
        return call(CollectorProcess.url() + path, role, body);
    }

    private HttpResponse<String> call(String url, String role, String body) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(90))
                            .header("Authorization", "Bearer " + tokens.token(role))
                            .header("Content-Type", "application/json")
                            .header("Cache-Control", "no-cache") // the test's own reads never fill the cache
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
