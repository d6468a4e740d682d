package dev.aiops.intelligence.tool;

/** A tool argument the model or MCP client got wrong; the message is shown to them so they can retry. */
class ToolArgumentException extends RuntimeException {

    ToolArgumentException(String argument, String problem) {
        super("invalid argument '" + argument + "': " + problem);
    }
}
