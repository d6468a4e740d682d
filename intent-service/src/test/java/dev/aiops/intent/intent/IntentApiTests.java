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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@IntentIntegrationTest
class IntentApiTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Nested
    class Creation {

        @Test
        void shouldAcknowledgeParsedIntentAndEmitIntentCreatedWhenTextFitsATemplate() {
            String id = create("Deploy eMBB slice on edge1 with 200Mbps and 30ms latency")
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("acknowledged")
                    .jsonPath("$.intent.intent_type")
                    .isEqualTo("deployment")
                    .jsonPath("$.intent.service_type")
                    .isEqualTo("eMBB")
                    .jsonPath("$.intent.target_sites[0]")
                    .isEqualTo("edge1")
                    .jsonPath("$.intent.sla.bandwidth_mbps")
                    .isEqualTo(200.0)
                    .jsonPath("$.intent.parse.method")
                    .isEqualTo("rules")
                    .returnResult()
                    .getResponseHeaders()
                    .getLocation()
                    .getPath()
                    .replace("/api/v1/intents/", "");

            List<Map<String, Object>> events =
                    jdbc.queryForList("select event_type, envelope from outbox_event where aggregate_id = ?", id);
            assertThat(events)
                    .extracting(event -> event.get("event_type"))
                    .containsExactlyInAnyOrder("INTENT_CREATED", "INTENT_STATUS_CHANGED");
            assertThat(events)
                    .allSatisfy(event ->
                            assertThat((String) event.get("envelope")).contains("\"correlation_id\":\"" + id + "\""));
            client.get()
                    .uri("/api/v1/intents/{id}", id)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.text")
                    .isEqualTo("Deploy eMBB slice on edge1 with 200Mbps and 30ms latency")
                    .jsonPath("$.intent.correlation_id")
                    .isEqualTo(id);
        }

        @Test
        void shouldAnswer422WithWhatWasRecognisedAndWhatIsMissingWhenTextIsNotUnderstood() {
            long before = count();

            create("Scale UPF on edge1")
                    .expectStatus()
                    .isEqualTo(422)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("INTENT_PARSE_FAILED")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("text")
                    .jsonPath("$.recognised.intent_type")
                    .isEqualTo("scaling")
                    .jsonPath("$.recognised.cnf_functions[0]")
                    .isEqualTo("UPF")
                    .jsonPath("$.missing[0]")
                    .isEqualTo("replicas");

            assertThat(count()).isEqualTo(before);
        }

        @Test
        void shouldRefuseGreetingsAndRequestsOutsideTheDomain() {
            create("Hello, how are you?").expectStatus().isEqualTo(422);
            create("Make the network faster").expectStatus().isEqualTo(422);
            create("Deploy WordPress on edge1")
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.unrecognised[0]")
                    .isEqualTo("wordpress");
        }

        @Test
        void shouldRejectBlankTextNamingTheField() {
            create("   ")
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("text");
        }

        @Test
        void shouldRejectUnknownFieldsNamingThem() {
            client.post()
                    .uri("/api/v1/intents")
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"text\": \"Scale upf on edge1 to 3 replicas\", \"priority\": 9}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("priority")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("unknown field");
        }

        @Test
        void shouldReturnProblem403WhenViewerStatesAnIntent() {
            client.post()
                    .uri("/api/v1/intents")
                    .headers(tokens.as("viewer"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body("Scale upf on edge1 to 3 replicas"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
    }

    @Nested
    class Reading {

        @Test
        void shouldListNewestFirstInPagesWhenSeveralIntentsExist() {
            create("Setup mMTC for 10000 devices").expectStatus().isCreated();
            create("Create URLLC service with 5ms latency").expectStatus().isCreated();
            create("Scale amf on edge2 to 4 replicas").expectStatus().isCreated();

            client.get()
                    .uri("/api/v1/intents?page=1&page_size=2")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.items.length()")
                    .isEqualTo(2)
                    .jsonPath("$.items[0].text")
                    .isEqualTo("Scale amf on edge2 to 4 replicas")
                    .jsonPath("$.page_size")
                    .isEqualTo(2)
                    .jsonPath("$.total")
                    .value(Integer.class, total -> assertThat(total).isGreaterThanOrEqualTo(3));
        }

        @Test
        void shouldReturnIntentNotFoundProblemWhenIdIsUnknown() {
            UUID id = UUID.randomUUID();
            client.get()
                    .uri("/api/v1/intents/{id}", id)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("INTENT_NOT_FOUND")
                    .jsonPath("$.detail")
                    .isEqualTo("No intent with id " + id);
        }
    }

    private RestTestClient.ResponseSpec create(String text) {
        return client.post()
                .uri("/api/v1/intents")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(text))
                .exchange();
    }

    private static String body(String text) {
        return "{\"text\": \"" + text + "\"}";
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from intent", Long.class);
    }
}
