package dev.aiops.porch.generation;

import tools.jackson.databind.json.JsonMapper;

/** Compact JSON for values embedded in manifests (a CNI config), in insertion order. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
