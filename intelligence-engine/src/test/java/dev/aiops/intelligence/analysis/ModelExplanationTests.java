package dev.aiops.intelligence.analysis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.JsonCalls;
import dev.aiops.intelligence.support.LanguageModelIntegrationTest;
import dev.aiops.intelligence.support.LanguageModelStub;
import dev.aiops.intelligence.support.OpenAiWire;
import dev.aiops.intelligence.support.TestServices;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explanations and RCA summaries written by the chat's model chain (WireMock in the OpenAI wire format), and the
 * template text when no model answers. {@code RcaApiTests} covers the engine without any model configured.
 */
@LanguageModelIntegrationTest
class ModelExplanationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    final JsonMapper json = JsonMapper.builder().build();
    final WireMockServer llm = LanguageModelStub.server();

    String clusterName;
    UUID clusterId;
    Instant now;

    @BeforeEach
    void cluster() {
        clusterName = Fleet.uniqueName("explain");
        clusterId = Fleet.register(tokens.token("admin"), clusterName, "EDGE");
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // the other sources answer empty pages: the stored anomaly is the only evidence (lowest priority, so the
        // stubs of other tests sharing this WireMock win)
        WireMockServer platform = TestServices.platform();
        for (String path : new String[] {
            "/api/v1/alerts", "/api/v1/fcaps/events", "/api/v1/cnfs", "/api/v1/intents", "/api/v1/packages"
        }) {
            platform.stubFor(get(urlPathEqualTo(path)).atPriority(9).willReturn(RcaApiTests.ok(RcaApiTests.page())));
        }
        platform.stubFor(
                post(urlPathEqualTo("/api/v1/metrics/query")).atPriority(9).willReturn(RcaApiTests.ok("""
                        {"results": [], "total_query_time_ms": 1, "clusters_queried": 0, "clusters_succeeded": 0,
                         "warnings": []}""")));
    }

    @Test
    void shouldWriteTheExplanationWithTheModelFromTheTemplateFactsAndSaySo() {
        llm.stubFor(post(urlEqualTo(LanguageModelStub.PRIMARY))
                .atPriority(5)
                .withRequestBody(containing(clusterName))
                .willReturn(RcaApiTests.ok(OpenAiWire.answer(
                        "qwen2.5-7b-instruct",
                        "Memory on worker-2 jumped to 400 %; check the node and drain it if it stays unhealthy."))));

        JsonNode answer = call("/api/v1/analysis/explain", "{\"anomaly_id\": \"" + anomaly() + "\"}", 200);

        assertThat(answer.path("source").asString()).isEqualTo("LLM");
        assertThat(answer.path("model").asString()).isEqualTo("qwen2.5-7b-instruct");
        assertThat(answer.path("explanation").asString()).startsWith("Memory on worker-2 jumped");
        assertThat(answer.path("probable_cause").asString()).isEqualTo("node/" + clusterName + "/worker-2");
        // one model call (the analysis behind the explanation keeps its template summary), given the template's
        // facts and no tools
        var calls = llm.findAll(
                postRequestedFor(urlEqualTo(LanguageModelStub.PRIMARY)).withRequestBody(containing(clusterName)));
        assertThat(calls).hasSize(1);
        JsonNode sent = json.readTree(calls.get(0).getBodyAsString());
        assertThat(sent.path("messages").get(1).path("content").asString())
                .contains("node_memory_utilisation", "worker-2", "Most likely cause", "Candidate 1");
        assertThat(sent.has("tools")).isFalse();
    }

    @Test
    void shouldWriteTheRcaSummaryWithTheModel() {
        String anomalyId = anomaly();
        llm.stubFor(post(urlEqualTo(LanguageModelStub.PRIMARY))
                .atPriority(5)
                .withRequestBody(containing(clusterName))
                .willReturn(RcaApiTests.ok(OpenAiWire.answer("qwen2.5-7b-instruct", "worker-2 is short of memory."))));

        JsonNode result = call("/api/v1/analysis/rca", "{\"anomaly_id\": \"" + anomalyId + "\"}", 200);

        assertThat(result.path("explanation_source").asString()).isEqualTo("LLM");
        assertThat(result.path("summary").asString()).isEqualTo("worker-2 is short of memory.");
        assertThat(result.path("causes").get(0).path("object_id").asString())
                .isEqualTo("node/" + clusterName + "/worker-2");
    }

    @Test
    void shouldAnswerTheTemplateWhenNoModelAnswers() {
        String anomalyId = anomaly();
        llm.stubFor(post(urlEqualTo(LanguageModelStub.PRIMARY))
                .atPriority(5)
                .withRequestBody(containing(clusterName))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"down\"}}")));
        llm.stubFor(post(urlEqualTo(LanguageModelStub.SECONDARY))
                .atPriority(5)
                .withRequestBody(containing(clusterName))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"down\"}}")));

        JsonNode answer = call("/api/v1/analysis/explain", "{\"anomaly_id\": \"" + anomalyId + "\"}", 200);

        assertThat(answer.path("source").asString()).isEqualTo("TEMPLATE");
        assertThat(answer.path("model").isNull()).isTrue();
        assertThat(answer.path("explanation").asString())
                .contains("node_memory_utilisation", "worker-2", "Most likely cause");
        assertThat(llm.findAll(postRequestedFor(urlEqualTo(LanguageModelStub.SECONDARY))
                        .withRequestBody(containing(clusterName))))
                .isNotEmpty();
    }

    private String anomaly() {
        JsonNode detected = call(
                "/api/v1/analysis/anomaly",
                """
                {"cluster_id": "%s", "metric_name": "node_memory_utilisation", "labels": {"node": "worker-2"},
                 "points": %s}
                """.formatted(clusterId, AnomalyApiTests.points(now.minus(Duration.ofMinutes(300)), 290, 280, 400)),
                200);
        return detected.path("anomalies").get(0).path("id").asString();
    }

    private JsonNode call(String path, String body, int status) {
        return JsonCalls.post(client, json, tokens.as("operator"), path, body, status);
    }
}
