package dev.aiops.intelligence.tool;

/** A tool call that ran out of time; recorded as TIMEOUT. */
class ToolTimeoutException extends RuntimeException {

    ToolTimeoutException(String message) {
        super(message);
    }
}
