package dev.aiops.intelligence.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.platform.test.Tokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@IntelligenceIntegrationTest
class ChatSessionApiTests {

    private static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {};

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldCreateSessionWithDefaultPersonaAndExpiryWithin24Hours() {
        client.post()
                .uri("/api/v1/chat/sessions")
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Night shift\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.persona_id")
                .isEqualTo("default")
                .jsonPath("$.user_id")
                .isEqualTo("test-viewer")
                .jsonPath("$.message_count")
                .isEqualTo(0)
                .jsonPath("$.expires_at")
                .value(
                        String.class,
                        expires -> assertThat(java.time.Instant.parse(expires))
                                .isBetween(
                                        java.time.Instant.now().plusSeconds(23 * 3600),
                                        java.time.Instant.now().plusSeconds(24 * 3600 + 60)));
    }

    @Test
    void shouldAnswer404NotFoundWhenAnotherUserReadsTheSession() {
        String id = createSession("viewer", "{}");

        client.get()
                .uri("/api/v1/chat/sessions/{id}", id)
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SESSION_NOT_FOUND");
        client.get()
                .uri("/api/v1/chat/sessions/{id}/messages", id)
                .headers(tokens.as("admin"))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.post()
                .uri("/api/v1/chat/sessions/{id}/messages", id)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"content\": \"which clusters are offline\"}")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.delete()
                .uri("/api/v1/chat/sessions/{id}", id)
                .headers(tokens.as("admin"))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri("/api/v1/chat/sessions/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void shouldListOnlyTheCallersOwnLiveSessions() {
        String mine = createSession("viewer", "{\"title\": \"mine\"}");
        String theirs = createSession("operator", "{\"title\": \"theirs\"}");
        String expired = createSession("viewer", "{\"title\": \"old\"}");
        jdbc.update(
                "update intelligence.chat_session set expires_at = now() - interval '1 minute' where id = ?",
                UUID.fromString(expired));

        client.get()
                .uri("/api/v1/chat/sessions?page_size=100")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].id")
                .value(STRINGS, ids -> assertThat(ids).contains(mine).doesNotContain(theirs, expired));
    }

    @Test
    void shouldAnswer410SessionExpiredWhenSessionIsPastItsExpiry() {
        String id = createSession("viewer", "{}");
        jdbc.update(
                "update intelligence.chat_session set expires_at = now() - interval '1 second' where id = ?",
                UUID.fromString(id));

        client.post()
                .uri("/api/v1/chat/sessions/{id}/messages", id)
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"content\": \"which clusters are offline\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SESSION_EXPIRED");
        client.get()
                .uri("/api/v1/chat/sessions/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isEqualTo(410);
    }

    @Test
    void shouldAnswer410WithoutStoringWhenSessionHoldsTheMaximumOfMessages() {
        String id = createSession("viewer", "{}");
        jdbc.update("update intelligence.chat_session set message_count = 99 where id = ?", UUID.fromString(id));

        client.post()
                .uri("/api/v1/chat/sessions/{id}/messages", id)
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"content\": \"which clusters are offline\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("100"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from intelligence.chat_message where session_id = ?",
                        Integer.class,
                        UUID.fromString(id)))
                .isZero();
    }

    @Test
    void shouldAnswer404PersonaNotFoundWhenSessionNamesUnknownPersona() {
        client.post()
                .uri("/api/v1/chat/sessions")
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"persona_id\": \"no-such-persona\"}")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PERSONA_NOT_FOUND");
        assertThat(jdbc.queryForObject(
                        "select count(*) from intelligence.chat_session where persona_id = 'no-such-persona'",
                        Integer.class))
                .isZero();
    }

    @Test
    void shouldRejectEmptyMessageNamingTheContentField() {
        String id = createSession("viewer", "{}");
        client.post()
                .uri("/api/v1/chat/sessions/{id}/messages", id)
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"content\": \"  \"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("content");
    }

    @Test
    void shouldDeleteSessionWithItsMessages() {
        String id = createSession("viewer", "{}");
        client.delete()
                .uri("/api/v1/chat/sessions/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNoContent();
        client.get()
                .uri("/api/v1/chat/sessions/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private String createSession(String role, String body) {
        return client.post()
                .uri("/api/v1/chat/sessions")
                .headers(tokens.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(java.util.Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }
}
