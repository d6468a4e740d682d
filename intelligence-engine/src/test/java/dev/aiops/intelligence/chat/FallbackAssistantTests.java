package dev.aiops.intelligence.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.intelligence.support.PlatformStubs;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * No language model is configured: the fallback assistant answers from real tool data. Clusters live in the
 * real registry (their health checks turn them OFFLINE); alerts, GPUs and intents come from stand-ins shaped
 * as the collector's and intent service's contracts.
 */
@IntelligenceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FallbackAssistantTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    String edge;
    UUID edgeId;
    String hub;
    UUID hubId;

    @BeforeAll
    void registerClusters() {
        edge = Fleet.uniqueName("edge");
        hub = Fleet.uniqueName("hub");
        edgeId = Fleet.register(tokens.token("admin"), edge, "EDGE");
        hubId = Fleet.register(tokens.token("admin"), hub, "HUB");
        String viewer = tokens.token("viewer");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(Fleet.state(viewer, edgeId)).isEqualTo("OFFLINE"));
    }

    @Test
    void shouldListOfflineClustersFromTheRegistrySayingItIsTheFallback() {
        Map<String, Object> answer = ask("viewer", "Which clusters are offline?");

        assertThat(answer.get("content").toString())
                .startsWith("[Fallback assistant")
                .contains(edge)
                .contains("OFFLINE");
        assertThat(answer.get("model")).isEqualTo("fallback");
        assertThat(answer)
                .extracting("tool_calls")
                .asString()
                .contains("list_clusters")
                .contains("OFFLINE");
        assertThat(answer).extracting("tool_results").asString().contains("SUCCESS");
    }

    @Test
    void shouldShowCriticalAlertsOfClusterNamedInTheQuestion() {
        PlatformStubs.alerts(edgeId, edge, "UPFPodCrashLooping", "CRITICAL");

        Map<String, Object> answer = ask("viewer", "show critical alerts on " + edge);

        assertThat(answer.get("content").toString())
                .contains("UPFPodCrashLooping")
                .contains("UPF pod restarting repeatedly")
                .contains("critical firing alert(s) on " + edge);
    }

    @Test
    void shouldReportGpuUsageOfTheNamedCluster() {
        PlatformStubs.gpuNodes(hubId, hub);

        Map<String, Object> answer = ask("viewer", "GPU usage on " + hub);

        assertThat(answer.get("content").toString())
                .contains("gpu-node-1")
                .contains("NVIDIA H100 80GB HBM3")
                .contains("utilisation 87%")
                .contains("40960/81559 MB");
    }

    @Test
    void shouldListIntentsThatFailedToday() {
        PlatformStubs.intents("Scale UPF on edge-1 to 5 replicas", "no cluster matches site edge-1");

        Map<String, Object> answer = ask("viewer", "what intents failed today");

        assertThat(answer.get("content").toString())
                .contains("1 failed intent(s) since")
                .contains("Scale UPF on edge-1 to 5 replicas")
                .contains("no cluster matches site edge-1")
                .doesNotContain("Deploy eMBB on edge-2");
    }

    @Test
    void shouldTellTheToolErrorWhenTheNamedClusterDoesNotExist() {
        Map<String, Object> answer = ask("viewer", "status of cluster no-such-cluster-x");

        assertThat(answer.get("content").toString())
                .contains("I could not get that")
                .contains("404 CLUSTER_NOT_FOUND");
        assertThat(answer).extracting("tool_results").asString().contains("ERROR");
    }

    @Test
    void shouldReportATimeoutWhenTheCollectorDoesNotAnswerInTime() {
        String slow = Fleet.uniqueName("slow");
        UUID slowId = Fleet.register(tokens.token("admin"), slow, "EDGE");
        PlatformStubs.slowAlerts(slowId, 6_000);

        Map<String, Object> answer = ask("viewer", "show alerts on " + slow);

        assertThat(answer.get("content").toString()).contains("I could not get that");
        assertThat(answer).extracting("tool_results").asString().contains("TIMEOUT");
    }

    @Test
    void shouldListWhatItUnderstandsWhenTheQuestionCannotBeMapped() {
        Map<String, Object> answer = ask("viewer", "write me a poem about kubernetes");

        assertThat(answer.get("content").toString())
                .contains("which clusters are offline")
                .contains("GPU usage on hub");
    }

    @Test
    void shouldStreamFallbackAnswerAsEvents() {
        String session = session("viewer");
        String body = client.post()
                .uri("/api/v1/chat/sessions/{id}/stream", session)
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .body("{\"content\": \"which clusters are offline\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(body)
                .containsSubsequence(
                        "event:message_start",
                        "event:tool_use",
                        "list_clusters",
                        "event:tool_result",
                        "event:content_delta",
                        "Fallback assistant",
                        "event:message_complete");
        assertThat(body).contains(edge);
    }

    private Map<String, Object> ask(String role, String question) {
        String session = session(role);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = client.post()
                .uri("/api/v1/chat/sessions/{id}/messages", session)
                .headers(tokens.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("content", question))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return answer;
    }

    private String session(String role) {
        return client.post()
                .uri("/api/v1/chat/sessions")
                .headers(tokens.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }
}
