package dev.aiops.intelligence.chat;

import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResult;
import java.util.List;

/** The assistant's side of a turn before it is stored: text, every tool call of every round, and cost. */
record Answer(String content, List<ToolCall> toolCalls, List<ToolResult> toolResults, String model, Integer tokens) {}
