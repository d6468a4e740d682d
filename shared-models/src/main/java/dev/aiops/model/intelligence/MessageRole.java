package dev.aiops.model.intelligence;

/** Who wrote a chat message. TOOL messages carry tool results back to the model. */
public enum MessageRole {
    USER,
    ASSISTANT,
    SYSTEM,
    TOOL
}
