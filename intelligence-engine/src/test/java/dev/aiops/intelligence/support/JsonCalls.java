package dev.aiops.intelligence.support;

import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JSON POST to the engine that must answer {@code status}; its body as a tree (missing when empty). */
public final class JsonCalls {

    private JsonCalls() {}

    public static JsonNode post(
            RestTestClient client, JsonMapper json, Consumer<HttpHeaders> auth, String path, String body, int status) {
        String answer = client.post()
                .uri(path)
                .headers(auth)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .returnResult(String.class)
                .getResponseBody();
        return answer == null || answer.isBlank() ? json.missingNode() : json.readTree(answer);
    }
}
