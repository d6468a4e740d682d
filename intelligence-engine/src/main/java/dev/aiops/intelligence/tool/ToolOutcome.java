package dev.aiops.intelligence.tool;

import dev.aiops.model.intelligence.ToolResult;

/**
 * One executed tool call: the result as recorded and shown to the user, and the text handed to the model
 * (the result cut to the budget with a note of what was cut, or the error).
 */
public record ToolOutcome(String toolName, ToolResult result, String modelText) {}
