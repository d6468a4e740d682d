package dev.aiops.intent.parsing;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The intelligence engine's {@code POST /internal/v1/llm/complete}, called as this service. */
class EngineClient {

    static final String PATH = "/internal/v1/llm/complete";

    private final RestClient client;
    private final JsonMapper json;

    EngineClient(RestClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    /** The model's text; any failure (refused, 503 MODEL_NOT_AVAILABLE, timeout) is an exception. */
    String complete(String system, String user, JsonNode schema, int maxTokens) {
        ObjectNode body = json.createObjectNode();
        body.put("system_prompt", system);
        body.put("user_prompt", user);
        body.set("json_schema", schema);
        body.put("max_tokens", maxTokens);
        JsonNode answer = client.post()
                .uri(PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body))
                .retrieve()
                .body(JsonNode.class);
        if (answer == null || !answer.path("text").isString()) {
            throw new IllegalStateException("The engine answered without text");
        }
        return answer.path("text").asString();
    }
}
