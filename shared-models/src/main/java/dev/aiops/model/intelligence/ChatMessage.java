package dev.aiops.model.intelligence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One message of a conversation; also the payload of CHAT_MESSAGE. {@code model}, {@code tokens_used} and
 * {@code latency_ms} are set on assistant messages only.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ChatMessage(
        UUID id,
        UUID sessionId,
        MessageRole role,
        String content,
        String personaId,
        List<ToolCall> toolCalls,
        List<ToolResult> toolResults,
        String model,
        Integer tokensUsed,
        Long latencyMs,
        Instant createdAt) {

    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        toolResults = toolResults == null ? List.of() : List.copyOf(toolResults);
    }
}
