package dev.aiops.platform.test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid values for the schemas of an OpenAPI document: the declared example or default, else the first
 * enum constant, else a value inside the declared bounds, format and pattern. Objects carry their
 * required properties only, so cross-field rules ("either this or that") are not tripped by the sample.
 * Requests built from these samples are the "otherwise valid" base that each bad-input case breaks in one
 * place.
 */
final class SchemaSamples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private final JsonNode components;

    SchemaSamples(JsonNode document) {
        this.components = document.path("components").path("schemas");
    }

    /** The schema behind {@code $ref}, with {@code allOf} parts merged into one object schema. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 16; hops++) {
            String ref = current.get("$ref").asString();
            current = components.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (current != null && current.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode properties = merged.putObject("properties");
            ArrayNode required = merged.putArray("required");
            merged.put("type", "object");
            for (JsonNode part : current.get("allOf")) {
                JsonNode resolved = resolve(part);
                resolved.path("properties").properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
                resolved.path("required").forEach(required::add);
            }
            return merged;
        }
        if (current != null && (current.has("oneOf") || current.has("anyOf"))) {
            JsonNode choices = current.has("oneOf") ? current.get("oneOf") : current.get("anyOf");
            if (!choices.isEmpty()) {
                return resolve(choices.get(0));
            }
        }
        return current == null ? NODES.objectNode() : current;
    }

    /** The JSON type the schema asks for: string, integer, number, boolean, array, object, or "" when open. */
    String type(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        JsonNode type = resolved.path("type");
        if (type.isString()) {
            return type.asString();
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        if (resolved.has("properties")) {
            return "object";
        }
        if (resolved.has("items")) {
            return "array";
        }
        return "";
    }

    JsonNode sample(JsonNode schema) {
        return sample(schema, 0);
    }

    private JsonNode sample(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("example") && !resolved.get("example").isNull()) {
            return resolved.get("example");
        }
        if (resolved.has("default") && !resolved.get("default").isNull()) {
            return resolved.get("default");
        }
        if (resolved.has("enum") && !resolved.get("enum").isEmpty()) {
            return resolved.get("enum").get(0);
        }
        return switch (type(resolved)) {
            case "string" -> NODES.stringNode(string(resolved));
            case "integer" -> NODES.numberNode((long) Math.ceil(number(resolved)));
            case "number" -> NODES.numberNode(number(resolved));
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> array(resolved, depth);
            case "object" -> object(resolved, depth);
            default -> NODES.stringNode("sample");
        };
    }

    private ArrayNode array(JsonNode schema, int depth) {
        ArrayNode array = NODES.arrayNode();
        int items = Math.max(1, schema.path("minItems").asInt(0));
        if (schema.has("maxItems")) {
            items = Math.min(items, schema.get("maxItems").asInt());
        }
        if (depth >= MAX_DEPTH) {
            return array;
        }
        for (int i = 0; i < items; i++) {
            array.add(sample(schema.path("items"), depth + 1));
        }
        return array;
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth >= MAX_DEPTH) {
            return object;
        }
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            JsonNode property = properties.path(name.asString());
            object.set(name.asString(), sample(property.isMissingNode() ? NODES.objectNode() : property, depth + 1));
        }
        JsonNode values = schema.path("additionalProperties");
        for (int i = object.size(); i < schema.path("minProperties").asInt(0); i++) {
            // a map that must not be empty (@NotEmpty Map): entries of its value schema
            object.set("sample" + i, values.isObject() ? sample(values, depth + 1) : NODES.stringNode("sample"));
        }
        return object;
    }

    private static String string(JsonNode schema) {
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asString();
            var sample = RegexSample.of(pattern, min);
            if (sample.isPresent()) {
                return sample.get();
            }
        }
        String value = switch (schema.path("format").asString("")) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> Instant.now().toString();
            case "date" -> LocalDate.now().toString();
            case "duration" -> "PT5M";
            case "uri", "url" -> "https://example.com/sample";
            case "email" -> "someone@example.com";
            case "int64", "int32" -> "1";
            default -> "sample";
        };
        if (value.length() < min) {
            value = value + "x".repeat(min - value.length());
        }
        return value.length() > max ? value.substring(0, Math.max(max, min)) : value;
    }

    private static double number(JsonNode schema) {
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            return schema.path("exclusiveMinimum").asBoolean(false) ? min + 1 : min;
        }
        if (schema.path("exclusiveMinimum").isNumber()) {
            return schema.get("exclusiveMinimum").asDouble() + 1;
        }
        if (schema.has("maximum") && schema.get("maximum").asDouble() < 1) {
            return schema.get("maximum").asDouble();
        }
        return 1;
    }

    /** Every top-level property of an object schema, with its resolved schema. */
    Iterator<Map.Entry<String, JsonNode>> properties(JsonNode schema) {
        return resolve(schema).path("properties").properties().iterator();
    }
}
