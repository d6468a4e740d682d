package dev.aiops.intelligence.chat;

import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResult;

/** What happens during a turn, as it happens: the SSE stream's events. The blocking API ignores them. */
interface TurnListener {

    TurnListener NONE = new TurnListener() {};

    default void toolUse(ToolCall call) {}

    default void toolResult(ToolResult result) {}

    default void contentDelta(String text) {}

    /**
     * The text streamed so far is void: the model sending it failed mid-answer, and the next model in the
     * chain (or the fallback) answers from scratch.
     */
    default void contentReset() {}
}
