package dev.aiops.model.intelligence;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a tool call returned. {@code result} is any JSON value (object, array, string, number) as the tool
 * produced it, absent unless SUCCESS; {@code error} is a message safe to show the user.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ToolResult(String toolCallId, ToolResultStatus status, Object result, String error) {}
