package dev.aiops.intelligence.tool;

/**
 * A tool as models and MCP clients see it.
 *
 * @param inputSchema JSON Schema of the arguments object, as JSON text
 * @param requiredRole the least role that may call it ({@code viewer} for reads)
 */
public record ToolSpec(String name, String description, String inputSchema, String requiredRole) {}
