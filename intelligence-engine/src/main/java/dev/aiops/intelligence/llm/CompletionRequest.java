package dev.aiops.intelligence.llm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /internal/v1/llm/complete}.
 *
 * @param jsonSchema optional JSON schema object the answer must follow
 * @param maxTokens limit on the answer's tokens, 512 when absent
 */
@JsonNaming(SnakeCaseStrategy.class)
record CompletionRequest(
        @Size(max = 20_000) String systemPrompt,
        @NotBlank @Size(max = 20_000) String userPrompt,
        // a Map, not Jackson 3's ObjectNode: springdoc's PolymorphicModelConverter, which runs before platform-commons'
        // Jackson3SchemaConverter, introspects an ObjectNode with Jackson 2 as a bean, fails on its two setAll
        // setters, and /v3/api-docs then showed no schema at all for this body
        Map<String, Object> jsonSchema,
        @Min(1) @Max(8192) Integer maxTokens) {

    CompletionRequest {
        maxTokens = maxTokens == null ? 512 : maxTokens;
    }
}
