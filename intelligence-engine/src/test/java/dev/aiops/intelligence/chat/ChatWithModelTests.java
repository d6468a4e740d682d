package dev.aiops.intelligence.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.LanguageModelIntegrationTest;
import dev.aiops.intelligence.support.LanguageModelStub;
import dev.aiops.intelligence.support.OpenAiWire;
import dev.aiops.intelligence.support.OpenAiWire.Call;
import dev.aiops.intelligence.support.TestServices;
import dev.aiops.platform.test.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine against a WireMock server speaking the OpenAI chat-completions wire format, with the tools
 * calling the real cluster registry. Each test marks its question so it can tell its own requests apart
 * and assert the conversation the engine sent back to the model.
 */
@LanguageModelIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatWithModelTests {

    static final String PRIMARY_MODEL = "qwen2.5-7b-instruct";
    static final String SECONDARY_MODEL = "llama3.1-8b";

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final WireMockServer llm = LanguageModelStub.server();

    String cluster;

    @BeforeAll
    void registerCluster() {
        cluster = Fleet.uniqueName("hub");
        Fleet.register(tokens.token("admin"), cluster, "HUB");
    }

    @Nested
    class PlainAnswers {

        @Test
        void shouldAnswerWithPersonaPromptAndToolsAndRecordModelTokensAndLatency() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL + "-0309", "All clusters are ONLINE."))));
            String session = session("viewer", "platform-ops");

            JsonNode answer = send("viewer", session, "How is the fleet? " + marker);

            assertThat(answer.path("role").asString()).isEqualTo("ASSISTANT");
            assertThat(answer.path("content").asString()).isEqualTo("All clusters are ONLINE.");
            assertThat(answer.path("model").asString()).isEqualTo(PRIMARY_MODEL + "-0309");
            assertThat(answer.path("tokens_used").asInt()).isEqualTo(450);
            assertThat(answer.path("latency_ms").isNumber()).isTrue();
            assertThat(answer.path("persona_id").asString()).isEqualTo("platform-ops");

            JsonNode request = onlyRequest(LanguageModelStub.PRIMARY, marker);
            assertThat(request.path("model").asString()).isEqualTo(PRIMARY_MODEL);
            assertThat(request.path("messages").get(0).path("role").asString()).isEqualTo("system");
            assertThat(request.path("messages").get(0).path("content").asString())
                    .contains("site reliability engineer");
            JsonNode last =
                    request.path("messages").get(request.path("messages").size() - 1);
            assertThat(last.path("role").asString()).isEqualTo("user");
            assertThat(last.path("content").asString()).endsWith(marker);
            assertThat(toolNames(request))
                    .containsExactly(
                            "list_clusters", "get_cluster_status", "query_metrics", "get_metric_labels", "list_alerts");
            JsonNode listClusters = request.path("tools").get(0).path("function");
            assertThat(listClusters.path("parameters").path("type").asString()).isEqualTo("object");
            assertThat(listClusters
                            .path("parameters")
                            .path("properties")
                            .path("state")
                            .path("enum")
                            .toString())
                    .contains("OFFLINE");

            JsonNode messages = getJson("viewer", "/api/v1/chat/sessions/" + session + "/messages");
            assertThat(messages.path("items")).hasSize(2);
            assertThat(messages.path("items").get(0).path("role").asString()).isEqualTo("USER");
            assertThat(messages.path("items").get(1).path("id").asString())
                    .isEqualTo(answer.path("id").asString());
            assertThat(jdbc.queryForObject(
                            "select count(*) from intelligence.outbox_event where event_type = 'CHAT_MESSAGE' and aggregate_id = ?",
                            Integer.class,
                            session))
                    .isEqualTo(2);
        }

        @Test
        void shouldOfferCreateIntentToOperatorButNotToViewer() {
            String marker = marker();
            llm.stubFor(primary(marker).willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "Noted."))));

            send("viewer", session("viewer", "network-cnf"), "viewer " + marker);
            send("operator", session("operator", "network-cnf"), "operator " + marker);

            List<JsonNode> requests = requests(LanguageModelStub.PRIMARY, marker);
            assertThat(requests).hasSize(2);
            assertThat(toolNames(requests.get(0))).contains("list_intents").doesNotContain("create_intent");
            assertThat(toolNames(requests.get(1))).contains("list_intents", "create_intent");
        }

        @Test
        void shouldSendEarlierTurnsNewestFirstWithinTheTokenBudget() {
            String marker = marker();
            llm.stubFor(primary(marker).willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "ok"))));
            String session = session("viewer", "default");
            // each of these is ~4,000 estimated tokens; the budget (6,000) holds only the newer one
            send("viewer", session, "first " + "a".repeat(16_000) + " " + marker);
            send("viewer", session, "second " + "b".repeat(16_000) + " " + marker);
            send("viewer", session, "third " + marker);

            List<JsonNode> requests = requests(LanguageModelStub.PRIMARY, marker);
            JsonNode third = requests.get(2).path("messages");
            List<String> contents = new ArrayList<>();
            third.forEach(m -> contents.add(m.path("role").asString() + ":"
                    + m.path("content").asString("").split(" ")[0]));
            assertThat(contents).containsExactly("system:You", "user:second", "assistant:ok", "user:third");
        }
    }

    @Nested
    class ToolCalls {

        @Test
        void shouldRunToolCallAgainstRegistryAndFeedResultBackUnderTheCallId() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(ok(OpenAiWire.toolCalls(
                            PRIMARY_MODEL,
                            new Call("call_abc123", "list_clusters", "{\"name\": \"" + cluster + "\"}")))));
            llm.stubFor(primaryWithToolResults(marker)
                    .willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, cluster + " is registered."))));
            String session = session("viewer", "platform-ops");

            JsonNode answer = send("viewer", session, "Is it registered? " + marker);

            assertThat(answer.path("content").asString()).isEqualTo(cluster + " is registered.");
            assertThat(answer.path("tool_calls").get(0).path("id").asString()).isEqualTo("call_abc123");
            assertThat(answer.path("tool_calls")
                            .get(0)
                            .path("arguments")
                            .path("name")
                            .asString())
                    .isEqualTo(cluster);
            JsonNode result = answer.path("tool_results").get(0);
            assertThat(result.path("tool_call_id").asString()).isEqualTo("call_abc123");
            assertThat(result.path("status").asString()).isEqualTo("SUCCESS");
            assertThat(result.path("result")
                            .path("clusters")
                            .get(0)
                            .path("name")
                            .asString())
                    .isEqualTo(cluster);
            assertThat(answer.path("tokens_used").asInt()).isEqualTo(402 + 450);

            List<JsonNode> requests = requests(LanguageModelStub.PRIMARY, marker);
            assertThat(requests).hasSize(2);
            JsonNode messages = requests.get(1).path("messages");
            JsonNode assistant = messages.get(messages.size() - 2);
            JsonNode tool = messages.get(messages.size() - 1);
            assertThat(assistant.path("role").asString()).isEqualTo("assistant");
            assertThat(assistant.path("tool_calls").get(0).path("id").asString())
                    .isEqualTo("call_abc123");
            assertThat(assistant
                            .path("tool_calls")
                            .get(0)
                            .path("function")
                            .path("name")
                            .asString())
                    .isEqualTo("list_clusters");
            assertThat(tool.path("role").asString()).isEqualTo("tool");
            assertThat(tool.path("tool_call_id").asString()).isEqualTo("call_abc123");
            assertThat(tool.path("content").asString()).contains("\"name\":\"" + cluster + "\"");
        }

        @Test
        void shouldRunParallelToolCallsAndReturnEachResultAndErrorUnderItsOwnId() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(ok(OpenAiWire.toolCalls(
                            PRIMARY_MODEL,
                            new Call("call_1", "list_clusters", "{\"name\": \"" + cluster + "\"}"),
                            new Call("call_2", "get_cluster_status", "{\"cluster\": \"no-such-cluster\"}"),
                            new Call("call_3", "list_clusters", "{\"state\": \"SLEEPING\"}")))));
            llm.stubFor(primaryWithToolResults(marker).willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "Done."))));

            JsonNode answer = send("viewer", session("viewer", "platform-ops"), "Check both " + marker);

            assertThat(answer.path("content").asString()).isEqualTo("Done.");
            JsonNode results = answer.path("tool_results");
            assertThat(results).hasSize(3);
            assertThat(results.get(0).path("status").asString()).isEqualTo("SUCCESS");
            assertThat(results.get(1).path("tool_call_id").asString()).isEqualTo("call_2");
            assertThat(results.get(1).path("status").asString()).isEqualTo("ERROR");
            assertThat(results.get(1).path("error").asString()).contains("404 CLUSTER_NOT_FOUND");
            assertThat(results.get(2).path("error").asString()).contains("invalid argument 'state'");

            JsonNode messages =
                    requests(LanguageModelStub.PRIMARY, marker).get(1).path("messages");
            List<JsonNode> toolMessages = new ArrayList<>();
            messages.forEach(m -> {
                if (m.path("role").asString().equals("tool")) {
                    toolMessages.add(m);
                }
            });
            assertThat(toolMessages)
                    .extracting(m -> m.path("tool_call_id").asString())
                    .containsExactly("call_1", "call_2", "call_3");
            assertThat(toolMessages.get(0).path("content").asString()).contains(cluster);
            assertThat(toolMessages.get(1).path("content").asString())
                    .contains("CLUSTER_NOT_FOUND")
                    .contains("ERROR");
        }

        @Test
        void shouldRefuseCreateIntentForViewerWithoutCallingTheIntentService() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(ok(OpenAiWire.toolCalls(
                            PRIMARY_MODEL,
                            new Call(
                                    "call_ci",
                                    "create_intent",
                                    "{\"text\": \"Scale UPF on edge-1 to 3 replicas\"}")))));
            llm.stubFor(primaryWithToolResults(marker)
                    .willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "I cannot do that."))));

            JsonNode answer = send("viewer", session("viewer", "network-cnf"), "Scale it " + marker);

            assertThat(answer.path("tool_results").get(0).path("status").asString())
                    .isEqualTo("ERROR");
            assertThat(answer.path("tool_results").get(0).path("error").asString())
                    .contains("create_intent");
            assertThat(TestServices.platform().findAll(postRequestedFor(urlEqualTo("/api/v1/intents"))))
                    .isEmpty();
        }

        @Test
        void shouldReportMalformedToolArgumentsToTheModelInsteadOfFailingTheTurn() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(ok(OpenAiWire.toolCalls(
                            PRIMARY_MODEL, new Call("call_bad", "list_clusters", "{\"state\": ")))));
            llm.stubFor(primaryWithToolResults(marker)
                    .willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "Retrying failed."))));

            JsonNode answer = send("viewer", session("viewer", "platform-ops"), "List " + marker);

            assertThat(answer.path("tool_results").get(0).path("error").asString())
                    .contains("not a valid JSON object");
            assertThat(answer.path("content").asString()).isEqualTo("Retrying failed.");
        }

        @Test
        void shouldStopOfferingToolsAfterTheLastRound() {
            String marker = marker();
            // a model that never stops calling tools
            llm.stubFor(primary(marker)
                    .willReturn(ok(OpenAiWire.toolCalls(PRIMARY_MODEL, new Call("call_loop", "list_clusters", "{}")))));
            llm.stubFor(post(urlEqualTo(LanguageModelStub.PRIMARY))
                    .atPriority(1)
                    .withRequestBody(containing(marker))
                    .withRequestBody(notContaining("\"tools\""))
                    .willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "Here is what I found."))));

            JsonNode answer = send("viewer", session("viewer", "platform-ops"), "Loop " + marker);

            assertThat(answer.path("content").asString()).isEqualTo("Here is what I found.");
            assertThat(answer.path("tool_calls")).hasSize(5);
            assertThat(requests(LanguageModelStub.PRIMARY, marker)).hasSize(6);
        }
    }

    @Nested
    class FailingModels {

        @Test
        void shouldRetryAfter429WithRetryAfterOnTheSameModel() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .inScenario("rate-" + marker)
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(
                            aResponse()
                                    .withStatus(429)
                                    .withHeader("Content-Type", "application/json")
                                    .withHeader("Retry-After", "1")
                                    .withBody(
                                            "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"rate_limit_error\", \"code\": \"rate_limit_exceeded\"}}"))
                    .willSetStateTo("served"));
            llm.stubFor(primary(marker)
                    .inScenario("rate-" + marker)
                    .whenScenarioStateIs("served")
                    .willReturn(ok(OpenAiWire.answer(PRIMARY_MODEL, "After the wait."))));

            JsonNode answer = send("viewer", session("viewer", "default"), "Rate " + marker);

            assertThat(answer.path("content").asString()).isEqualTo("After the wait.");
            assertThat(requests(LanguageModelStub.PRIMARY, marker)).hasSize(2);
            assertThat(requests(LanguageModelStub.SECONDARY, marker)).isEmpty();
        }

        @Test
        void shouldFallBackToSecondaryModelWhenPrimaryAnswers500() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(aResponse()
                            .withStatus(500)
                            .withBody("{\"error\": {\"message\": \"CUDA out of memory\"}}")));
            llm.stubFor(secondary(marker).willReturn(ok(OpenAiWire.answer(SECONDARY_MODEL, "From the secondary."))));

            JsonNode answer = send("viewer", session("viewer", "default"), "Fail " + marker);

            assertThat(answer.path("content").asString()).isEqualTo("From the secondary.");
            assertThat(answer.path("model").asString()).isEqualTo(SECONDARY_MODEL);
        }

        @Test
        void shouldFallBackToSecondaryModelWhenPrimaryAnswersMalformedJson() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(ok("{\"id\": \"chatcmpl-1\", \"choices\": [{\"index\": 0, \"message\": ")));
            llm.stubFor(secondary(marker).willReturn(ok(OpenAiWire.answer(SECONDARY_MODEL, "Parsed fine here."))));

            JsonNode answer = send("viewer", session("viewer", "default"), "Malformed " + marker);

            assertThat(answer.path("content").asString()).isEqualTo("Parsed fine here.");
        }

        @Test
        void shouldMoveOnToTheNextInTheChainWhenAModelTimesOut() {
            String marker = marker();
            llm.stubFor(primary(marker).willReturn(aResponse().withStatus(500)));
            llm.stubFor(secondary(marker)
                    .willReturn(
                            ok(OpenAiWire.answer(SECONDARY_MODEL, "Too late.")).withFixedDelay(9_000)));

            JsonNode answer = send("viewer", session("viewer", "default"), "which clusters are offline " + marker);

            assertThat(answer.path("model").asString()).isEqualTo("fallback");
            assertThat(requests(LanguageModelStub.SECONDARY, marker)).hasSize(1);
        }

        @Test
        void shouldAnswerWithTheFallbackAssistantWhenNoModelAnswers() {
            String marker = marker();
            llm.stubFor(primary(marker).willReturn(aResponse().withStatus(503)));
            llm.stubFor(secondary(marker).willReturn(aResponse().withStatus(502)));

            JsonNode answer = send("viewer", session("viewer", "default"), "which clusters are offline " + marker);

            assertThat(answer.path("model").asString()).isEqualTo("fallback");
            assertThat(answer.path("content").asString()).startsWith("[Fallback assistant");
            assertThat(answer.path("tool_calls").get(0).path("name").asString()).isEqualTo("list_clusters");
        }
    }

    @Nested
    class Streaming {

        @Test
        void shouldStreamContentDeltasBetweenStartAndComplete() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(sse(OpenAiWire.streamedAnswer(PRIMARY_MODEL, "The fleet ", "is ", "healthy."))));
            String session = session("viewer", "default");

            String body = stream("viewer", session, "Stream it " + marker);

            assertThat(body)
                    .containsSubsequence(
                            "event:message_start",
                            "event:content_delta",
                            "The fleet ",
                            "event:content_delta",
                            "is ",
                            "event:content_delta",
                            "healthy.",
                            "event:message_complete",
                            "\"content\":\"The fleet is healthy.\"");
            JsonNode request = onlyRequest(LanguageModelStub.PRIMARY, marker);
            assertThat(request.path("stream").asBoolean()).isTrue();
            JsonNode stored = getJson("viewer", "/api/v1/chat/sessions/" + session + "/messages")
                    .path("items")
                    .get(1);
            assertThat(stored.path("content").asString()).isEqualTo("The fleet is healthy.");
            assertThat(stored.path("tokens_used").asInt()).isEqualTo(312);
        }

        @Test
        void shouldTellTheClientToDiscardThePartialAnswerWhenTheModelFailsMidStreamAndStoreOnlyTheNextOne() {
            String marker = marker();
            llm.stubFor(primary(marker)
                    .willReturn(sse(OpenAiWire.streamBrokenAfter(PRIMARY_MODEL, "Half an ", "answer that "))));
            llm.stubFor(secondary(marker)
                    .willReturn(sse(OpenAiWire.streamedAnswer(SECONDARY_MODEL, "From the ", "secondary."))));
            String session = session("viewer", "default");

            String body = stream("viewer", session, "Break it " + marker);

            assertThat(body)
                    .containsSubsequence(
                            "event:message_start",
                            "event:content_delta",
                            "Half an ",
                            "event:content_delta",
                            "answer that ",
                            "event:content_delta",
                            "\"reset\":true",
                            "event:content_delta",
                            "From the ",
                            "event:content_delta",
                            "secondary.",
                            "event:message_complete",
                            "\"content\":\"From the secondary.\"");
            // the reset comes once, between the two models' text, and the final answer holds none of the first
            assertThat(body.split("\"reset\":true", -1)).hasSize(2);
            String complete = body.substring(body.indexOf("event:message_complete"));
            assertThat(complete).doesNotContain("Half an");
            JsonNode stored = getJson("viewer", "/api/v1/chat/sessions/" + session + "/messages")
                    .path("items")
                    .get(1);
            assertThat(stored.path("content").asString()).isEqualTo("From the secondary.");
            assertThat(stored.path("model").asString()).isEqualTo(SECONDARY_MODEL);
            assertThat(requests(LanguageModelStub.SECONDARY, marker)).hasSize(1);
        }

        @Test
        void shouldNotResetWhenTheFailingModelStreamedNoText() {
            String marker = marker();
            llm.stubFor(primary(marker).willReturn(aResponse().withStatus(500)));
            llm.stubFor(
                    secondary(marker).willReturn(sse(OpenAiWire.streamedAnswer(SECONDARY_MODEL, "Only ", "this."))));

            String body = stream("viewer", session("viewer", "default"), "Fail early " + marker);

            assertThat(body).containsSubsequence("Only ", "this.", "\"content\":\"Only this.\"");
            assertThat(body).doesNotContain("\"reset\"");
        }

        @Test
        void shouldAssembleToolCallArgumentsSplitAcrossChunksAndStreamToolEvents() {
            String marker = marker();
            String[] pieces = {"{\"na", "me\": \"", cluster, "\"}"};
            llm.stubFor(primary(marker)
                    .willReturn(sse(OpenAiWire.streamedToolCall(PRIMARY_MODEL, "call_s1", "list_clusters", pieces))));
            llm.stubFor(primaryWithToolResults(marker)
                    .willReturn(sse(OpenAiWire.streamedAnswer(PRIMARY_MODEL, "Found ", cluster, "."))));

            String body = stream("viewer", session("viewer", "platform-ops"), "Find it " + marker);

            assertThat(body)
                    .containsSubsequence(
                            "event:message_start",
                            "event:tool_use",
                            "\"id\":\"call_s1\"",
                            "\"name\":\"list_clusters\"",
                            "\"arguments\":{\"name\":\"" + cluster + "\"}",
                            "event:tool_result",
                            "\"tool_call_id\":\"call_s1\"",
                            "\"status\":\"SUCCESS\"",
                            "event:content_delta",
                            "Found ",
                            "event:message_complete");
            JsonNode messages =
                    requests(LanguageModelStub.PRIMARY, marker).get(1).path("messages");
            JsonNode tool = messages.get(messages.size() - 1);
            assertThat(tool.path("tool_call_id").asString()).isEqualTo("call_s1");
            assertThat(tool.path("content").asString()).contains(cluster);
        }

        @Test
        void shouldCancelTheTurnWhenTheClientDisconnectsMidStream() throws Exception {
            String marker = marker();
            String[] pieces = new String[40];
            java.util.Arrays.fill(pieces, "slowly ");
            // the model dribbles its answer over 6 s; the client leaves after the first event
            llm.stubFor(primary(marker)
                    .willReturn(sse(OpenAiWire.streamedAnswer(PRIMARY_MODEL, pieces))
                            .withChunkedDribbleDelay(40, 6_000)));
            String session = session("viewer", "default");

            java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                                            + "/api/v1/chat/sessions/" + session + "/stream"))
                                    .header("Authorization", "Bearer " + tokens.token("viewer"))
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "text/event-stream")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            "{\"content\": \"Tell me slowly " + marker + "\"}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.BufferedReader reader = new java.io.BufferedReader(
                    new java.io.InputStreamReader(response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).isEqualTo("event:message_start");
            }

            // a finished turn would have stored question and answer after ~6 s; a cancelled one stores nothing
            org.awaitility.Awaitility.await()
                    .during(java.time.Duration.ofSeconds(8))
                    .atMost(java.time.Duration.ofSeconds(12))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from intelligence.chat_message where session_id = ?::uuid",
                                    Integer.class,
                                    session)
                            == 0);
            assertThat(requests(LanguageModelStub.PRIMARY, marker)).hasSize(1);
        }

        @Test
        void shouldAnswerProblemJsonBeforeStreamingWhenSessionBelongsToSomebodyElse() {
            String session = session("operator", "default");
            client.post()
                    .uri("/api/v1/chat/sessions/{id}/stream", session)
                    .headers(tokens.as("viewer"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"content\": \"hello\"}")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("SESSION_NOT_FOUND");
        }
    }

    // ------------------------------------------------------------------ helpers

    static String marker() {
        return "m-" + UUID.randomUUID();
    }

    static MappingBuilder primary(String marker) {
        return post(urlEqualTo(LanguageModelStub.PRIMARY)).atPriority(5).withRequestBody(containing(marker));
    }

    static MappingBuilder secondary(String marker) {
        return post(urlEqualTo(LanguageModelStub.SECONDARY)).atPriority(5).withRequestBody(containing(marker));
    }

    static MappingBuilder primaryWithToolResults(String marker) {
        return post(urlEqualTo(LanguageModelStub.PRIMARY))
                .atPriority(2)
                .withRequestBody(containing(marker))
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body);
    }

    List<JsonNode> requests(String path, String marker) {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request :
                llm.findAll(postRequestedFor(urlPathMatching(path)).withRequestBody(containing(marker)))) {
            bodies.add(json.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    JsonNode onlyRequest(String path, String marker) {
        List<JsonNode> requests = requests(path, marker);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    static List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools")
                .forEach(t -> names.add(t.path("function").path("name").asString()));
        return names;
    }

    String session(String role, String persona) {
        return client.post()
                .uri("/api/v1/chat/sessions")
                .headers(tokens.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("persona_id", persona))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    /** Sent with a generous read timeout: a turn waits for models that may time out first. */
    JsonNode send(String role, String session, String content) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                                            + "/api/v1/chat/sessions/" + session + "/messages"))
                                    .timeout(java.time.Duration.ofSeconds(90))
                                    .header("Authorization", "Bearer " + tokens.token(role))
                                    .header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            json.writeValueAsString(Map.of("content", content))))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String stream(String role, String session, String content) {
        return client.post()
                .uri("/api/v1/chat/sessions/{id}/stream", session)
                .headers(tokens.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .body(Map.of("content", content))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    JsonNode getJson(String role, String path) {
        return json.readTree(client.get()
                .uri(path)
                .headers(tokens.as(role))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }
}
