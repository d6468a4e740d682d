package dev.aiops.registry.o2ims;

import dev.aiops.registry.config.Requests;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The query parameters of the v2 inventory lists as {@code common-openapi.yaml} defines them:
 * {@code filter} (criteria {@code (op,field/sub,value...)} joined by {@code ;}, all of which must match;
 * values in single quotes when they hold commas, slashes or spaces), {@code fields} and
 * {@code exclude_fields} (comma-separated field references; exclusion wins). {@code all_fields} is
 * accepted and changes nothing: every response here already carries all complex attributes.
 *
 * <p>A field reference must start with a field of the object's schema (deeper segments reach into
 * objects such as {@code extensions}); anything else is a 400 naming the parameter. On an array field,
 * {@code eq}/{@code in}/{@code cont}/{@code gt}... match when one element matches, and {@code neq},
 * {@code nin}, {@code ncont} are their negations.
 */
final class InventoryQuery {

    static final int MAX_LENGTH = 2048;

    private record Criterion(String op, List<String> path, List<String> values) {}

    private final List<Criterion> criteria;
    private final List<List<String>> fields;
    private final List<List<String>> excluded;

    private InventoryQuery(List<Criterion> criteria, List<List<String>> fields, List<List<String>> excluded) {
        this.criteria = criteria;
        this.fields = fields;
        this.excluded = excluded;
    }

    /** Parses the parameters for objects of {@code type}; a bad one is a 400 naming it. */
    static InventoryQuery parse(Class<? extends Record> type, String filter, String fields, String excludeFields) {
        Set<String> known = Arrays.stream(type.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .collect(Collectors.toSet());
        return new InventoryQuery(
                criteria(known, filter),
                references(known, "fields", fields),
                references(known, "exclude_fields", excludeFields));
    }

    /** Only projection: for single objects, which take no filter. */
    static InventoryQuery projection(Class<? extends Record> type, String fields, String excludeFields) {
        return parse(type, null, fields, excludeFields);
    }

    List<JsonNode> apply(List<JsonNode> objects) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode object : objects) {
            if (matches(object)) {
                result.add(project(object));
            }
        }
        return result;
    }

    boolean matches(JsonNode object) {
        for (Criterion criterion : criteria) {
            if (!matches(criterion, resolve(object, criterion.path()))) {
                return false;
            }
        }
        return true;
    }

    JsonNode project(JsonNode object) {
        if (!(object instanceof ObjectNode source)) {
            return object;
        }
        ObjectNode result;
        if (fields.isEmpty()) {
            result = source.deepCopy();
        } else {
            result = source.objectNode();
            for (List<String> path : fields) {
                copy(source, result, path);
            }
        }
        for (List<String> path : excluded) {
            remove(result, path);
        }
        return result;
    }

    private static void copy(ObjectNode from, ObjectNode to, List<String> path) {
        JsonNode value = from.get(path.get(0));
        if (value == null) {
            return;
        }
        if (path.size() == 1) {
            to.set(path.get(0), value.deepCopy());
            return;
        }
        if (value instanceof ObjectNode child) {
            JsonNode existing = to.get(path.get(0));
            ObjectNode target = existing instanceof ObjectNode o ? o : to.putObject(path.get(0));
            copy(child, target, path.subList(1, path.size()));
        }
    }

    private static void remove(ObjectNode object, List<String> path) {
        if (path.size() == 1) {
            object.remove(path.get(0));
        } else if (object.get(path.get(0)) instanceof ObjectNode child) {
            remove(child, path.subList(1, path.size()));
        }
    }

    private static JsonNode resolve(JsonNode object, List<String> path) {
        JsonNode node = object;
        for (String name : path) {
            node = node == null || !node.isObject() ? null : node.get(name);
        }
        return node == null || node.isNull() ? null : node;
    }

    private static boolean matches(Criterion c, JsonNode node) {
        return switch (c.op()) {
            case "eq", "in" -> any(node, c.values(), String::equals);
            case "neq", "nin" -> !any(node, c.values(), String::equals);
            case "cont" -> any(node, c.values(), String::contains);
            case "ncont" -> !any(node, c.values(), String::contains);
            case "gt" -> any(node, c.values(), (a, b) -> compare(a, b) > 0);
            case "gte" -> any(node, c.values(), (a, b) -> compare(a, b) >= 0);
            case "lt" -> any(node, c.values(), (a, b) -> compare(a, b) < 0);
            default -> any(node, c.values(), (a, b) -> compare(a, b) <= 0); // lte
        };
    }

    private static boolean any(JsonNode node, List<String> values, BiPredicate<String, String> test) {
        if (node == null) {
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (any(element, values, test)) {
                    return true;
                }
            }
            return false;
        }
        if (!node.isValueNode()) {
            return false;
        }
        String actual = node.asString();
        return values.stream().anyMatch(v -> test.test(actual, v));
    }

    /** Numbers compare as numbers, anything else as text. */
    private static int compare(String actual, String value) {
        try {
            return new BigDecimal(actual).compareTo(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return actual.compareTo(value);
        }
    }

    private static final Set<String> OPERATORS =
            Set.of("cont", "eq", "gt", "gte", "in", "lt", "lte", "ncont", "neq", "nin");
    private static final Set<String> SINGLE_VALUE = Set.of("cont", "eq", "gt", "gte", "lt", "lte", "ncont", "neq");

    private static List<Criterion> criteria(Set<String> known, String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        if (filter.length() > MAX_LENGTH) {
            throw Requests.invalid("filter", "size must be at most " + MAX_LENGTH);
        }
        List<Criterion> criteria = new ArrayList<>();
        for (List<String> tuple : tuples(filter.trim())) {
            if (tuple.size() < 3) {
                throw Requests.invalid("filter", "each criterion must be (operator,field,value...)");
            }
            String op = tuple.get(0).trim().toLowerCase(Locale.ROOT);
            if (!OPERATORS.contains(op)) {
                throw Requests.invalid("filter", "operator must be one of " + new java.util.TreeSet<>(OPERATORS));
            }
            if (SINGLE_VALUE.contains(op) && tuple.size() != 3) {
                throw Requests.invalid("filter", "operator " + op + " takes exactly one value");
            }
            List<String> path = path(known, "filter", tuple.get(1).trim());
            criteria.add(new Criterion(op, path, List.copyOf(tuple.subList(2, tuple.size()))));
        }
        return criteria;
    }

    /** Splits {@code (a,b,'c d');(e,f,g)} into tuples, honouring single quotes. */
    private static List<List<String>> tuples(String text) {
        List<List<String>> tuples = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '(') {
                throw Requests.invalid("filter", "each criterion must be enclosed in parentheses");
            }
            i++;
            List<String> tuple = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean closed = false;
            while (i < text.length() && !closed) {
                char ch = text.charAt(i);
                if (ch == '\'') {
                    int end = text.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw Requests.invalid("filter", "a quoted value is not closed");
                    }
                    current.append(text, i + 1, end);
                    i = end + 1;
                    continue;
                }
                if (ch == ',') {
                    tuple.add(current.toString());
                    current.setLength(0);
                } else if (ch == ')') {
                    tuple.add(current.toString());
                    closed = true;
                } else {
                    current.append(ch);
                }
                i++;
            }
            if (!closed) {
                throw Requests.invalid("filter", "a criterion is not closed with ')'");
            }
            tuples.add(tuple);
            if (i < text.length()) {
                if (text.charAt(i) != ';') {
                    throw Requests.invalid("filter", "criteria must be separated by ';'");
                }
                i++;
            }
        }
        return tuples;
    }

    private static List<List<String>> references(Set<String> known, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        if (value.length() > MAX_LENGTH) {
            throw Requests.invalid(parameter, "size must be at most " + MAX_LENGTH);
        }
        List<List<String>> paths = new ArrayList<>();
        for (String reference : value.split(",")) {
            paths.add(path(known, parameter, reference.trim()));
        }
        return paths;
    }

    private static List<String> path(Set<String> known, String parameter, String reference) {
        List<String> path = List.of(reference.split("/", -1));
        if (path.stream().anyMatch(String::isBlank)) {
            throw Requests.invalid(parameter, "field reference '" + abbreviate(reference) + "' is empty or malformed");
        }
        if (!known.contains(path.get(0))) {
            throw Requests.invalid(
                    parameter,
                    "unknown field '" + abbreviate(path.get(0)) + "'; known: " + new java.util.TreeSet<>(known));
        }
        return path;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
