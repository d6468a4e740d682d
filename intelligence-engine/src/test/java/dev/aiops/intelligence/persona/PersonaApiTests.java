package dev.aiops.intelligence.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.platform.test.Tokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@IntelligenceIntegrationTest
class PersonaApiTests {

    private static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Boolean>> BOOLEANS = new ParameterizedTypeReference<>() {};

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Nested
    class BuiltIn {

        @Test
        void shouldListTheFiveBuiltInPersonasFirstWhenListing() {
            client.get()
                    .uri("/api/v1/personas")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.items[0:5].id")
                    .value(
                            STRINGS,
                            ids -> assertThat(ids)
                                    .containsExactlyInAnyOrder(
                                            "default", "platform-ops", "gpu-expert", "network-cnf", "telco-5g"))
                    .jsonPath("$.items[0:5].is_builtin")
                    .value(BOOLEANS, flags -> assertThat(flags).containsOnly(true));
        }

        @Test
        void shouldDescribeGpuExpertWithItsGpuToolsWhenFetched() {
            client.get()
                    .uri("/api/v1/personas/gpu-expert")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.system_prompt")
                    .value(String.class, prompt -> assertThat(prompt).contains("GPU"))
                    .jsonPath("$.capabilities")
                    .value(
                            STRINGS,
                            tools -> assertThat(tools)
                                    .contains("get_gpu_nodes", "get_gpu_processes", "get_gpu_summary"));
        }

        @Test
        void shouldRefuseToDeleteBuiltInPersonaWithPersonaReadonly() {
            client.delete()
                    .uri("/api/v1/personas/default")
                    .headers(tokens.as("admin"))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("PERSONA_READONLY");
        }
    }

    @Nested
    class Custom {

        @Test
        void shouldCreateFetchAndDeleteCustomPersonaWhenAdmin() {
            String id = uniqueId();
            client.post()
                    .uri("/api/v1/personas")
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(persona(id))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectHeader()
                    .location("/api/v1/personas/" + id)
                    .expectBody()
                    .jsonPath("$.is_builtin")
                    .isEqualTo(false)
                    .jsonPath("$.created_by")
                    .isEqualTo("test-admin");

            client.get()
                    .uri("/api/v1/personas/{id}", id)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.capabilities[0]")
                    .isEqualTo("list_alerts");

            client.delete()
                    .uri("/api/v1/personas/{id}", id)
                    .headers(tokens.as("admin"))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            client.get()
                    .uri("/api/v1/personas/{id}", id)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void shouldReturnConflictWhenIdIsTaken() {
            String id = uniqueId();
            createAsAdmin(id).expectStatus().isCreated();

            createAsAdmin(id)
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("CONFLICT");
        }

        @Test
        void shouldNameSnakeCaseFieldsWhenRequestIsInvalid() {
            client.post()
                    .uri("/api/v1/personas")
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"id\": \"Bad_Id\", \"name\": \"Bad\"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[*].field")
                    .value(STRINGS, fields -> assertThat(fields).containsExactly("id", "system_prompt"));
        }

        @Test
        void shouldRejectPersonaNamingAToolThatDoesNotExist() {
            client.post()
                    .uri("/api/v1/personas")
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(persona(uniqueId()).replace("\"get_cluster_status\"", "\"reboot_cluster\""))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("capabilities")
                    .jsonPath("$.errors[0].message")
                    .value(String.class, message -> assertThat(message).contains("reboot_cluster"));
        }

        @Test
        void shouldReplaceCustomPersonaButRefuseToReplaceBuiltInOne() {
            String id = uniqueId();
            createAsAdmin(id).expectStatus().isCreated();

            client.put()
                    .uri("/api/v1/personas/{id}", id)
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(persona(id).replace("Night shift SRE", "Day shift SRE"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.name")
                    .isEqualTo("Day shift SRE");
            client.put()
                    .uri("/api/v1/personas/default")
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(persona("default"))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("PERSONA_READONLY");
        }

        @Test
        void shouldReturnProblem403WhenOperatorCreatesPersona() {
            client.post()
                    .uri("/api/v1/personas")
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(persona(uniqueId()))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
    }

    @Test
    void shouldReturnPersonaNotFoundProblemWhenIdIsUnknown() {
        client.get()
                .uri("/api/v1/personas/no-such-persona")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PERSONA_NOT_FOUND")
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("no-such-persona"));
    }

    private RestTestClient.ResponseSpec createAsAdmin(String id) {
        return client.post()
                .uri("/api/v1/personas")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(persona(id))
                .exchange();
    }

    private static String uniqueId() {
        return "sre-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String persona(String id) {
        return """
                {
                  "id": "%s",
                  "name": "Night shift SRE",
                  "description": "Short answers for the on-call engineer.",
                  "system_prompt": "You help the on-call engineer. Lead with what is broken and where.",
                  "capabilities": ["list_alerts", "get_cluster_status"],
                  "icon": "moon"
                }
                """.formatted(id);
    }
}
