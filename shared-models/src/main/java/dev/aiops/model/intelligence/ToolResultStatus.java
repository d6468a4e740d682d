package dev.aiops.model.intelligence;

/** Outcome of one tool call. */
public enum ToolResultStatus {
    SUCCESS,
    ERROR,
    TIMEOUT
}
