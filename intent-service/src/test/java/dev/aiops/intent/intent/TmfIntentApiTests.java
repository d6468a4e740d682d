package dev.aiops.intent.intent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.platform.test.Tokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntentIntegrationTest
class TmfIntentApiTests {

    private static final String V4 = "/tmf-api/intent/v4";
    private static final String V5 = "/tmf-api/intentManagement/v5";

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    ApplicationContext context;

    @Nested
    class V4AgainstTheOfficialSwagger {

        @Test
        void shouldCreateFromASentenceInAnIntentCreateBodyAndAnswerAValidIntent() {
            String request = """
                    {"name": "stadium-embb", "description": "eMBB for the stadium",
                     "expression": {"@type": "JsonLdExpression", "expressionLanguage": "text",
                       "expressionValue": "Deploy eMBB slice on edge1 with 200Mbps and 30ms latency"},
                     "@type": "Intent"}""";
            assertThat(Tmf921Swagger.violations("Intent_Create", json.readTree(request)))
                    .as("our request is a valid Intent_Create")
                    .isEmpty();

            EntityExchangeResult<String> created = post(V4 + "/intent", request, null);
            JsonNode intent = json.readTree(created.getResponseBody());

            assertThat(created.getStatus().value()).isEqualTo(201);
            assertThat(Tmf921Swagger.violations("Intent", intent)).isEmpty();
            assertThat(intent.path("name").asString()).isEqualTo("stadium-embb");
            assertThat(intent.path("lifecycleStatus").asString()).isEqualTo("acknowledged");
            assertThat(intent.path("href").asString())
                    .endsWith(V4 + "/intent/" + intent.path("id").asString());
            JsonNode structured = json.readTree(
                    intent.path("expression").path("expressionValue").asString());
            assertThat(structured.path("intent_type").asString()).isEqualTo("deployment");
            assertThat(structured.path("sla").path("bandwidth_mbps").asDouble()).isEqualTo(200.0);
        }

        @Test
        void shouldListWithFieldsOffsetLimitAndCountHeadersEachItemAValidIntent() {
            for (int i = 0; i < 3; i++) {
                post(V4 + "/intent", sentence("Scale UPF on edge" + (i + 1) + " to " + (i + 2) + " replicas"), null);
            }

            EntityExchangeResult<String> page = get(V4 + "/intent?offset=1&limit=2&fields=name,lifecycleStatus");
            JsonNode items = json.readTree(page.getResponseBody());

            assertThat(items.size()).isEqualTo(2);
            assertThat(page.getResponseHeaders().getFirst("X-Result-Count")).isEqualTo("2");
            assertThat(Long.parseLong(page.getResponseHeaders().getFirst("X-Total-Count")))
                    .isGreaterThanOrEqualTo(3);
            for (JsonNode item : items) {
                assertThat(Tmf921Swagger.violations("Intent", item)).isEmpty();
                assertThat(item.propertyNames())
                        .containsExactlyInAnyOrder("id", "href", "name", "lifecycleStatus", "@type");
            }
        }

        @Test
        void shouldReportTheParsedStageAsAValidIntentReport() {
            JsonNode intent = json.readTree(post(V4 + "/intent", sentence("Heal the O-DU on far-edge-3"), null)
                    .getResponseBody());

            JsonNode reports =
                    json.readTree(get(V4 + "/intent/" + intent.path("id").asString() + "/intentReport")
                            .getResponseBody());

            // the pipeline may already have gone on (a healing intent is executed at once): later stages
            // add reports of their own
            assertThat(reports.size()).isPositive();
            reports.forEach(report -> assertThat(Tmf921Swagger.violations("IntentReport", report))
                    .as(report.toString())
                    .isEmpty());
            JsonNode parsed = reports.get(0);
            assertThat(parsed.path("name").asString()).isEqualTo("parsed");
            assertThat(parsed.path("intent").path("id").asString())
                    .isEqualTo(intent.path("id").asString());
        }

        @Test
        void shouldRefuseAnIntentCreateWithoutExpressionNamingTheField() {
            client.post()
                    .uri(V4 + "/intent")
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\": \"x\", \"@type\": \"Intent\"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("expression.expressionValue");
        }
    }

    @Nested
    class V5 {

        @Test
        void shouldAcceptAStructuredExpressionAndShowTheSameIntentInThePlainApi() {
            String request = """
                    {"name": "core-ha", "@type": "Intent",
                     "expression": {"@type": "JsonLdExpression", "expressionValue":
                       {"intent_type": "deployment", "cnf_functions": ["AMF", "SMF"], "region": "us-west",
                        "replicas": 2}}}""";

            JsonNode intent = json.readTree(post(V5 + "/intent", request, null).getResponseBody());
            String id = intent.path("id").asString();

            assertThat(intent.path("expression")
                            .path("expressionValue")
                            .path("cnf_functions")
                            .get(1)
                            .asString())
                    .isEqualTo("SMF");
            client.get()
                    .uri("/api/v1/intents/{id}", id)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.intent.region")
                    .isEqualTo("us-west")
                    .jsonPath("$.intent.replicas")
                    .isEqualTo(2);
        }

        @Test
        void shouldRefuseAStructuredExpressionBreakingTheIntentConstraints() {
            client.post()
                    .uri(V5 + "/intent")
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("""
                            {"name": "bad", "@type": "Intent", "expression": {"@type": "JsonLdExpression",
                             "expressionValue": {"intent_type": "deployment", "priority": 42}}}""")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("expression.expressionValue");
        }

        @Test
        void shouldCancelThroughLifecycleStatusRecordingReportAndStatusEvent() {
            // the pipeline is woken by the creation and would plan (and here fail) the intent before the cancel
            SmartLifecycle pipeline = context.getBean("intentPipeline", SmartLifecycle.class);
            pipeline.stop();
            String id;
            try {
                id = json.readTree(post(V5 + "/intent", sentence("Deploy AMF on edge1"), null)
                                .getResponseBody())
                        .path("id")
                        .asString();
                cancel(id);
            } finally {
                pipeline.start();
            }

            assertThat(jdbc.queryForList(
                            "select stage from intent_report where intent_id = ? order by created_at",
                            String.class,
                            UUID.fromString(id)))
                    .containsExactly("parsed", "cancelled");
            List<Map<String, Object>> events = jdbc.queryForList(
                    "select envelope from outbox_event where aggregate_id = ? and event_type = 'INTENT_STATUS_CHANGED'"
                            + " order by id",
                    id);
            assertThat(events).hasSize(2);
            assertThat((String) events.get(1).get("envelope"))
                    .contains("\"old_status\":\"acknowledged\"", "\"new_status\":\"cancelled\"");
        }

        private void cancel(String id) {
            client.patch()
                    .uri(V5 + "/intent/{id}", id)
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.valueOf("application/merge-patch+json"))
                    .body("{\"lifecycleStatus\": \"cancelled\"}")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.lifecycleStatus")
                    .isEqualTo("cancelled");
        }

        @Test
        void shouldRefuseSettingAnyOtherLifecycleStatus() {
            String id = json.readTree(post(V5 + "/intent", sentence("Deploy AMF on edge1"), null)
                            .getResponseBody())
                    .path("id")
                    .asString();

            client.patch()
                    .uri(V5 + "/intent/{id}", id)
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"lifecycleStatus\": \"completed\"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("lifecycleStatus");
        }

        @Test
        void shouldAnswer404ForAnIdThatIsNotAnIntent() {
            client.get()
                    .uri(V5 + "/intent/not-a-uuid")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }

    @Nested
    class Idempotency {

        @Test
        void shouldReturnTheSameIntentForTheSameKeyAndCreateOnlyOne() {
            String key = UUID.randomUUID().toString();
            String first = json.readTree(post(V5 + "/intent", sentence("Deploy AMF on edge2"), key)
                            .getResponseBody())
                    .path("id")
                    .asString();
            String again = json.readTree(post(V5 + "/intent", sentence("Deploy AMF on edge2"), key)
                            .getResponseBody())
                    .path("id")
                    .asString();
            String plain = client.post()
                    .uri("/api/v1/intents")
                    .headers(tokens.as("operator"))
                    .header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"text\": \"Deploy AMF on edge2\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .path("id")
                    .asString();

            assertThat(again).isEqualTo(first);
            assertThat(plain).isEqualTo(first);
            assertThat(jdbc.queryForObject("select count(*) from intent where idempotency_key = ?", Long.class, key))
                    .isEqualTo(1);
        }

        @Test
        void shouldCreateAnotherIntentForAnotherKey() {
            String a = json.readTree(post(
                                    V5 + "/intent",
                                    sentence("Deploy SMF on edge2"),
                                    UUID.randomUUID().toString())
                            .getResponseBody())
                    .path("id")
                    .asString();
            String b = json.readTree(post(
                                    V5 + "/intent",
                                    sentence("Deploy SMF on edge2"),
                                    UUID.randomUUID().toString())
                            .getResponseBody())
                    .path("id")
                    .asString();

            assertThat(a).isNotEqualTo(b);
        }
    }

    private String sentence(String text) {
        return "{\"name\": \"t\", \"@type\": \"Intent\", \"expression\": {\"@type\": \"JsonLdExpression\","
                + " \"expressionValue\": \"" + text + "\"}}";
    }

    private EntityExchangeResult<String> post(String uri, String body, String idempotencyKey) {
        return client.post()
                .uri(uri)
                .headers(tokens.as("operator"))
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(String.class)
                .returnResult();
    }

    private EntityExchangeResult<String> get(String uri) {
        return client.get()
                .uri(uri)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
    }
}
