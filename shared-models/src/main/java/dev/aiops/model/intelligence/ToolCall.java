package dev.aiops.model.intelligence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A tool invocation the model asked for. {@code arguments} is the parsed JSON object (not the JSON
 * string OpenAI-style APIs send); values may be null.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ToolCall(String id, String name, Map<String, Object> arguments) {

    public ToolCall {
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }
}
