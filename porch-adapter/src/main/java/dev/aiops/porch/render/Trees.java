package dev.aiops.porch.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over YAML trees (maps, lists, scalars). */
final class Trees {

    private Trees() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    static Object at(Map<String, Object> tree, String... path) {
        Object current = tree;
        for (String key : path) {
            Map<String, Object> map = map(current);
            if (map == null) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static Map<String, Object> ensureMap(Map<String, Object> parent, String key) {
        Map<String, Object> child = map(parent.get(key));
        if (child == null) {
            child = new LinkedHashMap<>();
            parent.put(key, child);
        }
        return child;
    }
}
