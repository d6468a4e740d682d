package dev.aiops.intelligence.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.aiops.intelligence.support.JsonCalls;
import dev.aiops.intelligence.support.LanguageModelIntegrationTest;
import dev.aiops.intelligence.support.LanguageModelStub;
import dev.aiops.intelligence.support.OpenAiWire;
import dev.aiops.platform.test.Tokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /internal/v1/llm/complete} against WireMock speaking the OpenAI chat-completions wire format, through
 * the same two-model chain the chat uses. Each test marks its prompt so it can tell its own requests apart.
 */
@LanguageModelIntegrationTest
class CompletionApiTests {

    static final String SCHEMA = """
            {"type": "object", "required": ["intent_type"], "additionalProperties": false,
             "properties": {"intent_type": {"type": "string", "enum": ["deployment", "scaling"]}}}""";

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    final JsonMapper json = JsonMapper.builder().build();
    final WireMockServer llm = LanguageModelStub.server();

    @Test
    void shouldAskThePrimaryForJsonFollowingTheSchemaAndAnswerItsTextModelAndTokens() {
        String marker = marker();
        llm.stubFor(primary(marker)
                .willReturn(ok(OpenAiWire.answer("qwen2.5-7b-instruct", "{\"intent_type\": \"deployment\"}"))));

        JsonNode answer = complete(tokens.serviceToken("intent-service"), """
                {"system_prompt": "Answer with JSON only.", "user_prompt": "Deploy eMBB on edge-01 %s",
                 "json_schema": %s, "max_tokens": 300}""".formatted(marker, SCHEMA), 200);

        assertThat(answer.path("text").asString()).isEqualTo("{\"intent_type\": \"deployment\"}");
        assertThat(answer.path("model").asString()).isEqualTo("qwen2.5-7b-instruct");
        assertThat(answer.path("slot").asString()).isEqualTo("primary");
        assertThat(answer.path("tokens_used").asInt()).isEqualTo(450);
        assertThat(answer.path("latency_ms").isNumber()).isTrue();

        List<LoggedRequest> sent = requests(LanguageModelStub.PRIMARY, marker);
        assertThat(sent).hasSize(1);
        JsonNode request = json.readTree(sent.get(0).getBodyAsString());
        assertThat(request.path("response_format").path("type").asString()).isEqualTo("json_schema");
        assertThat(request.path("response_format").toString()).contains("intent_type", "deployment", "scaling");
        assertThat(request.path("max_tokens")
                        .asInt(request.path("max_completion_tokens").asInt()))
                .isEqualTo(300);
        assertThat(request.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(request.path("messages").get(0).path("content").asString()).isEqualTo("Answer with JSON only.");
        assertThat(request.path("messages").get(1).path("role").asString()).isEqualTo("user");
        assertThat(request.has("tools")).isFalse();
    }

    @Test
    void shouldAskForFreeTextWithoutResponseFormatWhenNoSchemaIsGiven() {
        String marker = marker();
        llm.stubFor(primary(marker).willReturn(ok(OpenAiWire.answer("qwen2.5-7b-instruct", "All nodes are fine."))));

        JsonNode answer = complete(
                tokens.serviceToken("intent-service"), "{\"user_prompt\": \"How is the fleet? " + marker + "\"}", 200);

        assertThat(answer.path("text").asString()).isEqualTo("All nodes are fine.");
        JsonNode request =
                json.readTree(requests(LanguageModelStub.PRIMARY, marker).get(0).getBodyAsString());
        assertThat(request.has("response_format")).isFalse();
    }

    @Test
    void shouldFallThroughToTheSecondaryWhenThePrimaryFails() {
        String marker = marker();
        llm.stubFor(primary(marker)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"down\"}}")));
        llm.stubFor(
                secondary(marker).willReturn(ok(OpenAiWire.answer("llama3.1-8b", "{\"intent_type\": \"scaling\"}"))));

        JsonNode answer = complete(
                tokens.serviceToken("intent-service"),
                "{\"user_prompt\": \"Scale UPF " + marker + "\", \"json_schema\": " + SCHEMA + "}",
                200);

        assertThat(answer.path("slot").asString()).isEqualTo("secondary");
        assertThat(answer.path("model").asString()).isEqualTo("llama3.1-8b");
        assertThat(requests(LanguageModelStub.SECONDARY, marker)).hasSize(1);
    }

    @Test
    void shouldAnswer503ModelNotAvailableWhenNoModelAnswers() {
        String marker = marker();
        llm.stubFor(primary(marker)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"down\"}}")));
        llm.stubFor(secondary(marker)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\": {\"message\": \"busy\"}}")));

        String body = client.post()
                .uri("/internal/v1/llm/complete")
                .headers(h -> h.setBearerAuth(tokens.serviceToken("intent-service")))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"user_prompt\": \"Anything " + marker + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(String.class)
                .getResponseBody();

        JsonNode problem = json.readTree(body);
        assertThat(problem.path("code").asString()).isEqualTo("MODEL_NOT_AVAILABLE");
        assertThat(body).doesNotContain("Exception", "down", "busy");
    }

    @Test
    void shouldRefuseUsersEvenAnAdminBecauseOnlyPlatformServicesMaySpendModelTime() {
        complete(tokens.token("admin"), "{\"user_prompt\": \"hello\"}", 403);
        complete(tokens.token("operator"), "{\"user_prompt\": \"hello\"}", 403);
    }

    @Test
    void shouldRejectAMissingUserPromptNamingTheField() {
        JsonNode problem = complete(tokens.serviceToken("intent-service"), "{\"system_prompt\": \"x\"}", 400);

        assertThat(problem.toString()).contains("user_prompt");
    }

    @Test
    void shouldRejectASchemaThatIsNotAJsonObject() {
        JsonNode problem = complete(
                tokens.serviceToken("intent-service"),
                "{\"user_prompt\": \"x\", \"json_schema\": \"not a schema\"}",
                400);

        assertThat(problem.toString()).contains("json_schema");
    }

    private JsonNode complete(String token, String body, int status) {
        return JsonCalls.post(client, json, h -> h.setBearerAuth(token), "/internal/v1/llm/complete", body, status);
    }

    private List<LoggedRequest> requests(String path, String marker) {
        return llm.findAll(postRequestedFor(urlEqualTo(path)).withRequestBody(containing(marker)));
    }

    static String marker() {
        return "m-" + UUID.randomUUID();
    }

    static MappingBuilder primary(String marker) {
        return post(urlEqualTo(LanguageModelStub.PRIMARY)).atPriority(5).withRequestBody(containing(marker));
    }

    static MappingBuilder secondary(String marker) {
        return post(urlEqualTo(LanguageModelStub.SECONDARY)).atPriority(5).withRequestBody(containing(marker));
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
