package dev.aiops.intelligence.llm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ObjectNode;

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
        ObjectNode jsonSchema,
        @Min(1) @Max(8192) Integer maxTokens) {

    CompletionRequest {
        maxTokens = maxTokens == null ? 512 : maxTokens;
    }
}
