package dev.aiops.intelligence.llm;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Answer of {@code POST /internal/v1/llm/complete}.
 *
 * @param text the model's answer as it wrote it (JSON text when a schema was given, not validated here)
 * @param model the model's name as its server reported it
 * @param slot the chain entry that answered (primary, secondary, ...)
 * @param tokensUsed total tokens counted by the model server, null when it did not say
 */
@JsonNaming(SnakeCaseStrategy.class)
record CompletionResponse(String text, String model, String slot, Integer tokensUsed, long latencyMs) {}
