package dev.aiops.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;

class DevTokenTests extends GatewayTestSupport {

    @Nested
    class Issuance {

        @Test
        void shouldIssueSignedTokenWithRequestedRolesWhenBodyIsValid() {
            Map<String, Object> body = issue("{\"user\":\"alice@example.org\",\"roles\":[\"operator\",\"admin\"]}");

            assertThat(body).containsEntry("token_type", "Bearer").containsKeys("access_token", "expires_at");
            assertThat(((Number) body.get("expires_in")).longValue()).isPositive();
            assertThat(Instant.parse((String) body.get("expires_at"))).isAfter(Instant.now());
            Jwt jwt = issuer.reactiveDecoder()
                    .decode((String) body.get("access_token"))
                    .block();
            assertThat(jwt.getSubject()).isEqualTo("alice@example.org");
            assertThat(jwt.getClaimAsStringList("roles")).containsExactlyInAnyOrder("operator", "admin");
        }

        @Test
        void shouldDefaultToViewerWhenRolesAreOmitted() {
            Map<String, Object> body = issue("{\"user\":\"bob\"}");

            Jwt jwt = issuer.reactiveDecoder()
                    .decode((String) body.get("access_token"))
                    .block();
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("viewer");
        }

        @Test
        void shouldLetIssuedTokenThroughToServicesWhenUsedAsBearer() {
            REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/fleet/health")).willReturn(okJson("{}")));
            String token = (String) issue("{\"user\":\"carol\"}").get("access_token");

            web.get()
                    .uri("/api/v1/fleet/health")
                    .header("Authorization", "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(REGISTRY.findAll(getRequestedFor(urlPathEqualTo("/api/v1/fleet/health")))
                            .get(0)
                            .getHeader("Authorization"))
                    .isEqualTo("Bearer " + token);
        }

        private Map<String, Object> issue(String json) {
            return web.post()
                    .uri("/auth/dev-token")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(json)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody();
        }
    }

    @Nested
    class Validation {

        static Stream<Arguments> invalidBodies() {
            return Stream.of(
                    Arguments.of(Named.of("missing user", "{\"roles\":[\"viewer\"]}"), "user"),
                    Arguments.of(Named.of("user with spaces", "{\"user\":\"a b\"}"), "user"),
                    Arguments.of(Named.of("user too long", "{\"user\":\"" + "u".repeat(65) + "\"}"), "user"),
                    Arguments.of(Named.of("unknown role", "{\"user\":\"a\",\"roles\":[\"root\"]}"), "roles[0]"),
                    Arguments.of(Named.of("service role", "{\"user\":\"a\",\"roles\":[\"service\"]}"), "roles[0]"),
                    Arguments.of(Named.of("unknown field", "{\"user\":\"a\",\"admin\":true}"), "admin"));
        }

        @ParameterizedTest
        @MethodSource("invalidBodies")
        void shouldAnswer400WithFieldErrorWhenBodyIsInvalid(String json, String field) {
            web.post()
                    .uri("/auth/dev-token")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(json)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo(field)
                    .jsonPath("$.errors[0].message")
                    .isNotEmpty();
        }

        @Test
        void shouldAnswer400MalformedWhenBodyIsNotJson() {
            web.post()
                    .uri("/auth/dev-token")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{not json")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("MALFORMED_REQUEST");
        }
    }

    /** JUnit's Named without the import clash with the nested class names. */
    private static final class Named {
        static org.junit.jupiter.api.Named<String> of(String name, String payload) {
            return org.junit.jupiter.api.Named.of(name, payload);
        }
    }
}
