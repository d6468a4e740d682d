package dev.aiops.intent.parsing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.aiops.intent.support.TestServices;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/intents} with the model parser switched on: the intent service calls the REAL intelligence
 * engine (its jar), whose model chain asks a WireMock server speaking the OpenAI wire format. Each test names its
 * own site ({@code edge-t<digits>}), which the rules parser reads as a site too, so the model's requests of one test
 * are told apart from the others'. The breaker test runs last: it leaves the breaker open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@RealInfrastructure
@ActiveProfiles("test")
@Import(Tokens.class)
@ContextConfiguration(initializers = {TestServices.class, RealEngineLanguageModel.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmParsingTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    @Order(1)
    void shouldRecordTheRulesParserWhenTheEngineAnswers503BecauseTheModelIsDown() {
        String site = site();
        stub(model(site).willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"down\"}}")));

        JsonNode intent = create("Deploy eMBB on " + site + " with 200Mbps and 30ms latency", 201);

        assertThat(intent.path("intent").path("parse").path("method").asString())
                .isEqualTo("rules");
        assertThat(intent.path("intent").path("parse").path("confidence").asDouble())
                .isEqualTo(1.0);
        assertThat(intent.path("intent").path("target_sites").get(0).asString()).isEqualTo(site);
        assertThat(modelRequests(site)).hasSize(1);
    }

    @Test
    @Order(2)
    void shouldUseTheModelsValidJsonAndRecordMethodLlmWithItsGrounding() {
        String site = site();
        stub(model(site).willReturn(answer(intentJson("deployment", "\"eMBB\"", site, "[]", 200, 30))));

        JsonNode created = create("I'd love some enhanced broadband at " + site + ": 200 Mbps, 30 ms tops", 201);

        JsonNode intent = created.path("intent");
        assertThat(intent.path("parse").path("method").asString()).isEqualTo("llm");
        // site, service type, bandwidth and latency are in the sentence; no word of it says "deploy": 4 of 5
        assertThat(intent.path("parse").path("confidence").asDouble()).isEqualTo(0.8);
        assertThat(intent.path("intent_type").asString()).isEqualTo("deployment");
        assertThat(intent.path("service_type").asString()).isEqualTo("eMBB");
        assertThat(intent.path("sla").path("bandwidth_mbps").asDouble()).isEqualTo(200.0);
        assertThat(intent.path("source").asString()).isEqualTo("user");
        List<LoggedRequest> sent = modelRequests(site);
        assertThat(sent).hasSize(1);
        JsonNode request = json.readTree(sent.get(0).getBodyAsString());
        assertThat(request.path("response_format").path("type").asString()).isEqualTo("json_schema");
        assertThat(request.path("response_format").toString()).contains("replicas_delta", "Near-RT-RIC");
    }

    @Test
    @Order(3)
    void shouldSendAnInvalidAnswerBackOnceAndUseTheCorrectedOne() {
        String site = site();
        stub(model(site)
                .inScenario(site)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(answer(
                        "{\"understood\": true, \"intent_type\": \"deploy\", \"target_sites\": [\"" + site + "\"]}"))
                .willSetStateTo("corrected"));
        stub(model(site)
                .inScenario(site)
                .whenScenarioStateIs("corrected")
                .willReturn(answer(intentJson("scaling", "null", site, "[\"UPF\"]", null, null)
                        .replace("\"replicas\": null", "\"replicas\": 4"))));

        JsonNode created = create("Scale UPF on " + site + " to 4 replicas", 201);

        assertThat(created.path("intent").path("parse").path("method").asString())
                .isEqualTo("llm");
        assertThat(created.path("intent").path("replicas").asInt()).isEqualTo(4);
        List<LoggedRequest> sent = modelRequests(site);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).getBodyAsString()).doesNotContain("was rejected");
        // the second request tells the model what was wrong with the first answer
        assertThat(json.readTree(sent.get(1).getBodyAsString()).toString()).contains("was rejected", "intent_type");
    }

    @Test
    @Order(4)
    void shouldRejectAnAnswerInvalidTwiceAndLetTheRulesParserAnswer() {
        String site = site();
        stub(model(site).willReturn(answer("Sure! Here is your intent: deploy eMBB on " + site)));

        JsonNode created = create("Deploy eMBB on " + site + " with 500 Mbps", 201);

        assertThat(created.path("intent").path("parse").path("method").asString())
                .isEqualTo("rules");
        assertThat(created.path("intent").path("parse").path("confidence").asDouble())
                .isEqualTo(1.0);
        assertThat(modelRequests(site)).hasSize(2);
    }

    @Test
    @Order(5)
    void shouldAnswer422WhenTheModelAnswersInvalidTwiceAndTheRulesDoNotUnderstandEither() {
        String site = site();
        stub(model(site).willReturn(answer("{\"intent_type\": \"pizza\"}")));

        JsonNode problem = create("bake a margherita pizza at " + site + " for lunch please", 422);

        assertThat(problem.path("code").asString()).isEqualTo("INTENT_PARSE_FAILED");
        assertThat(problem.toString()).contains("text");
        assertThat(modelRequests(site)).hasSize(2);
    }

    @Test
    @Order(6)
    void shouldAnswer422WithTheRulesParsersDetailsWhenTheModelDoesNotUnderstandTheSentence() {
        String site = site();
        stub(model(site).willReturn(answer("""
                {"understood": false, "reason": "a greeting is no intent", "intent_type": null, "service_type": null,
                 "target_sites": [], "region": null, "cnf_functions": [], "replicas": null, "replicas_delta": null,
                 "sla": null, "priority": null}""")));

        JsonNode problem = create("hello there " + site + ", how are you today", 422);

        assertThat(problem.path("code").asString()).isEqualTo("INTENT_PARSE_FAILED");
        // the refusal is the rules parser's, with what it recognised and what is missing
        assertThat(problem.path("missing").toString()).contains("intent_type");
        assertThat(problem.path("recognised").path("target_sites").get(0).asString())
                .isEqualTo(site);
        assertThat(modelRequests(site)).hasSize(1);
    }

    @Test
    @Order(6)
    void shouldParseWithoutCreatingAnythingOnADryRun() {
        String site = site();
        stub(model(site).willReturn(answer(intentJson("deployment", "\"URLLC\"", site, "[]", null, 5))));
        Integer before = jdbc.queryForObject("select count(*) from intents.intent", Integer.class);

        String body = client.post()
                .uri("/api/v1/intents/parse")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"text\": \"Create URLLC service on " + site + " with 5ms latency\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();

        JsonNode parsed = json.readTree(body);
        assertThat(parsed.path("understood").asBoolean()).isTrue();
        assertThat(parsed.path("intent").path("parse").path("method").asString())
                .isEqualTo("llm");
        assertThat(parsed.path("intent").path("sla").path("latency_ms").asDouble())
                .isEqualTo(5.0);
        assertThat(jdbc.queryForObject("select count(*) from intents.intent", Integer.class))
                .isEqualTo(before);
    }

    @Test
    @Order(7)
    void shouldFallBackToRulesWhenTheModelIsTooSlowAndStopAskingOnceTheBreakerOpens() {
        String site = site();
        // slower than the parser's timeout: the engine is still waiting on the model when the parser gives up
        stub(model(site)
                .willReturn(answer(intentJson("deployment", "\"eMBB\"", site, "[]", 300, null))
                        .withFixedDelay(45_000)));

        for (int i = 1; i <= 2; i++) {
            JsonNode created = create("Deploy eMBB on " + site + " with 300 Mbps", 201);
            assertThat(created.path("intent").path("parse").path("method").asString())
                    .isEqualTo("rules");
            int asked = i;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> modelRequests(site).size() == asked);
        }

        // two failures in a row opened the breaker: the rules parser answers without the engine being asked
        JsonNode created = create("Deploy eMBB on " + site + " with 300 Mbps", 201);

        assertThat(created.path("intent").path("parse").path("method").asString())
                .isEqualTo("rules");
        assertThat(modelRequests(site)).hasSize(2);
    }

    private JsonNode create(String text, int status) {
        String body = client.post()
                .uri("/api/v1/intents")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"text\": " + json.writeValueAsString(text) + "}")
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .returnResult(String.class)
                .getResponseBody();
        return json.readTree(body);
    }

    static String site() {
        return "edge-t" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    }

    static String intentJson(
            String type, String service, String site, String functions, Integer bandwidth, Integer latency) {
        String sla = bandwidth == null && latency == null
                ? "null"
                : "{\"bandwidth_mbps\": %s, \"latency_ms\": %s, \"devices\": null, \"availability\": null}"
                        .formatted(bandwidth, latency);
        return """
                {"understood": true, "reason": null, "intent_type": "%s", "service_type": %s, "target_sites": ["%s"],
                 "region": null, "cnf_functions": %s, "replicas": null, "replicas_delta": null, "sla": %s,
                 "priority": null}""".formatted(type, service, site, functions, sla);
    }

    static MappingBuilder model(String site) {
        return post(urlEqualTo(RealEngineLanguageModel.COMPLETIONS)).withRequestBody(containing(site));
    }

    static void stub(MappingBuilder mapping) {
        RealEngineLanguageModel.llm().stubFor(mapping);
    }

    static List<LoggedRequest> modelRequests(String site) {
        return RealEngineLanguageModel.llm()
                .findAll(postRequestedFor(urlEqualTo(RealEngineLanguageModel.COMPLETIONS))
                        .withRequestBody(containing(site)));
    }

    /** A chat completion in the OpenAI wire format whose message content is {@code content}. */
    static ResponseDefinitionBuilder answer(String content) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": "chatcmpl-%s", "object": "chat.completion", "created": 1764403200, "model": "%s",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": %s},
                           "logprobs": null, "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 900, "completion_tokens": 80, "total_tokens": 980}}
                        """.formatted(
                                Long.toHexString(System.nanoTime()),
                                RealEngineLanguageModel.MODEL,
                                JsonMapper.builder().build().writeValueAsString(content)));
    }
}
