package dev.aiops.intelligence.tool;

/** A downstream service refused or failed a tool's request; the message is safe to show the user. */
class ToolFailedException extends RuntimeException {

    ToolFailedException(String message) {
        super(message);
    }
}
