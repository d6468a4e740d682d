package dev.aiops.intelligence.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's own OpenAPI document describes the body of {@code POST /internal/v1/llm/complete}: the intent
 * service's client and the refusal walk build requests from it.
 */
@IntelligenceIntegrationTest
class CompletionApiDocsTests {

    @Autowired
    RestTestClient client;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldDocumentTheCompletionRequestBodyWithItsProperties() {
        // springdoc builds the document on the first request (over ten seconds on a loaded machine, longer than
        // the client waits for an answer) and serves it from its cache afterwards
        String body = await().atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(
                        () -> client.get()
                                .uri("/v3/api-docs")
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .returnResult(String.class)
                                .getResponseBody(),
                        Objects::nonNull);
        JsonNode document = json.readTree(body);
        JsonNode operation =
                document.path("paths").path("/internal/v1/llm/complete").path("post");

        JsonNode schema = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        assertThat(operation.path("requestBody").path("required").asBoolean())
                .as("%s", operation)
                .isTrue();
        JsonNode resolved = resolve(document, schema);

        assertThat(names(resolved.path("properties")))
                .as("%s", resolved)
                .containsExactlyInAnyOrder("system_prompt", "user_prompt", "json_schema", "max_tokens");
        assertThat(values(resolved.path("required"))).as("%s", resolved).containsExactly("user_prompt");
        assertThat(resolved.path("properties")
                        .path("user_prompt")
                        .path("maxLength")
                        .asInt())
                .isEqualTo(20_000);
        assertThat(resolved.path("properties")
                        .path("max_tokens")
                        .path("maximum")
                        .asInt())
                .isEqualTo(8192);
        assertThat(resolved.path("properties").path("json_schema").path("type").asString())
                .isEqualTo("object");
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        assertThat(ref).as("a $ref to a component schema: %s", schema).startsWith("#/components/schemas/");
        JsonNode component =
                document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        assertThat(component.isMissingNode()).as("%s is defined", ref).isFalse();
        return component;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
