package dev.aiops.intelligence.tool;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tool's arguments as the model sent them, read with the checks its JSON schema states. The schemas are
 * advice to a model, not a guarantee, so every handler reads through here and a wrong argument becomes a
 * message the model can act on.
 */
final class ToolArguments {

    private final Map<String, Object> values;

    ToolArguments(Map<String, Object> values, Collection<String> allowed) {
        this.values = values == null ? Map.of() : values;
        for (String name : this.values.keySet()) {
            if (!allowed.contains(name)) {
                throw new ToolArgumentException(name, "unknown argument; allowed: " + String.join(", ", allowed));
            }
        }
    }

    String string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new ToolArgumentException(name, "must be a string");
        }
        return s.isBlank() ? null : s.strip();
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw new ToolArgumentException(name, "is required");
        }
        return value;
    }

    String upperEnum(String name, Set<String> allowed) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new ToolArgumentException(name, "must be one of " + String.join(", ", allowed));
        }
        return upper;
    }

    UUID uuid(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ToolArgumentException(name, "must be a UUID");
        }
    }

    Boolean bool(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new ToolArgumentException(name, "must be true or false");
    }

    Integer integer(String name, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new ToolArgumentException(name, "must be an integer");
        }
        int i = n.intValue();
        if (i < min || i > max) {
            throw new ToolArgumentException(name, "must be between " + min + " and " + max);
        }
        return i;
    }

    Instant instant(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ToolArgumentException(name, "must be an ISO-8601 UTC time such as 2026-01-31T10:00:00Z");
        }
    }

    List<String> strings(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new ToolArgumentException(name, "must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw new ToolArgumentException(name, "must be an array of non-empty strings");
            }
            result.add(s.strip());
        }
        return result;
    }
}
