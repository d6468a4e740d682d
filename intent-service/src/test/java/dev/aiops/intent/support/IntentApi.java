package dev.aiops.intent.support;

import static org.awaitility.Awaitility.await;

import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/** The intent and CNF API as end-to-end tests drive it: create an intent, then follow its CNFs' states. */
public final class IntentApi {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RestTestClient client;
    private final Tokens tokens;
    private final JdbcTemplate jdbc;

    public IntentApi(RestTestClient client, Tokens tokens, JdbcTemplate jdbc) {
        this.client = client;
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    /** Submits the sentence as an operator and returns the new intent's id. */
    public String create(String text) {
        return client.post()
                .uri("/api/v1/intents")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"text\": \"" + text + "\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("id")
                .asString();
    }

    /** The intent's one CNF, once it is in {@code state}. */
    public JsonNode awaitCnf(String intentId, String state) {
        UUID id = await().atMost(PATIENCE)
                .until(
                        () -> jdbc.queryForList(
                                "select id from cnf where intent_id = ? and state = ?",
                                UUID.class,
                                UUID.fromString(intentId),
                                state),
                        found -> found.size() == 1)
                .get(0);
        return cnf(id.toString());
    }

    /** The CNF once it has reached {@code state}. */
    public JsonNode awaitState(JsonNode cnf, String state) {
        await().atMost(PATIENCE)
                .until(() -> cnf(id(cnf)).path("state").asString().equals(state));
        return cnf(id(cnf));
    }

    public static String id(JsonNode cnf) {
        return cnf.path("id").asString();
    }

    public JsonNode cnf(String id) {
        return client.get()
                .uri("/api/v1/cnfs/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    public String intentStatus(String id) {
        return client.get()
                .uri("/api/v1/intents/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("status")
                .asString();
    }
}
