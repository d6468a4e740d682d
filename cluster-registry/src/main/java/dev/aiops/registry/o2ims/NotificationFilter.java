package dev.aiops.registry.o2ims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which notifications a subscription wants. A blank filter takes everything. Two forms are accepted:
 * a JSON array of object types, as pti-o2 stores it ({@code ["DeploymentManager","ResourcePool"]}),
 * or O-RAN attribute selectors joined by {@code ;} ({@code (eq,objectType,DeploymentManager);
 * (neq,notificationEventType,1)}) with {@code eq}, {@code neq}, {@code in}, {@code nin} over
 * {@code objectType}, {@code notificationEventType} and {@code id}.
 */
final class NotificationFilter {

    static final Set<String> OBJECT_TYPES = Set.of("deploymentmanager", "resourcepool", "resource");
    private static final Set<String> ATTRIBUTES = Set.of("objecttype", "notificationeventtype", "id");
    private static final Pattern SELECTOR =
            Pattern.compile("\\(\\s*(eq|neq|in|nin)\\s*,\\s*([A-Za-z]+)\\s*,([^)]*)\\)");
    private static final Pattern ARRAY = Pattern.compile("^\\[\\s*(\"[^\"]*\"\\s*(,\\s*\"[^\"]*\"\\s*)*)?]$");

    private record Selector(String op, String attribute, List<String> values) {}

    private final List<Selector> selectors;

    private NotificationFilter(List<Selector> selectors) {
        this.selectors = selectors;
    }

    /** Parses a filter, throwing {@link IllegalArgumentException} with a message safe to show. */
    static NotificationFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return new NotificationFilter(List.of());
        }
        String text = filter.trim();
        if (text.startsWith("[")) {
            if (!ARRAY.matcher(text).matches()) {
                throw new IllegalArgumentException("must be a JSON array of object types or attribute selectors");
            }
            List<String> types = new ArrayList<>();
            Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(text);
            while (quoted.find()) {
                types.add(objectType(quoted.group(1)));
            }
            return new NotificationFilter(
                    types.isEmpty() ? List.of() : List.of(new Selector("in", "objecttype", types)));
        }
        List<Selector> selectors = new ArrayList<>();
        for (String part : text.split(";")) {
            Matcher m = SELECTOR.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "selector '" + abbreviate(part.trim()) + "' is not (op,attribute,value)");
            }
            String attribute = m.group(2).toLowerCase(Locale.ROOT);
            if (!ATTRIBUTES.contains(attribute)) {
                throw new IllegalArgumentException("attribute must be objectType, notificationEventType or id");
            }
            List<String> values = List.of(m.group(3).split(",")).stream()
                    .map(String::trim)
                    .map(v -> attribute.equals("objecttype") ? objectType(v) : eventType(attribute, v))
                    .toList();
            selectors.add(new Selector(m.group(1), attribute, values));
        }
        return new NotificationFilter(selectors);
    }

    boolean accepts(String objectType, int eventType, String id) {
        for (Selector selector : selectors) {
            String actual = switch (selector.attribute()) {
                case "objecttype" -> objectType.toLowerCase(Locale.ROOT);
                case "notificationeventtype" -> Integer.toString(eventType);
                default -> id;
            };
            boolean contained = selector.values().contains(actual);
            boolean ok = switch (selector.op()) {
                case "eq", "in" -> contained;
                default -> !contained;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String objectType(String value) {
        String type = value.trim().toLowerCase(Locale.ROOT);
        if (!OBJECT_TYPES.contains(type)) {
            throw new IllegalArgumentException("object type must be one of DeploymentManager, ResourcePool, Resource");
        }
        return type;
    }

    private static String eventType(String attribute, String value) {
        if (!attribute.equals("notificationeventtype")) {
            return value;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "0", "CREATE" -> "0";
            case "1", "MODIFY" -> "1";
            case "2", "DELETE" -> "2";
            default ->
                throw new IllegalArgumentException("notificationEventType must be 0, 1, 2 or CREATE, MODIFY, DELETE");
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    @Override
    public String toString() {
        return selectors.stream().map(Selector::toString).collect(Collectors.joining(";"));
    }
}
