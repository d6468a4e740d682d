package dev.aiops.porch.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kustomize replacement semantics apply-replacements implements, for what packages here use: a source
 * selected by kind / name (optional namespace), a field path with map keys, list indexes and
 * {@code [key=value]} list selectors, written to every matching target field. A missing source or target
 * field is an error, as in kustomize (with {@code options.create: true} a missing target field is created).
 */
final class Replacements {

    private Replacements() {}

    static void apply(List<Object> replacements, String field, List<Map<String, Object>> resources) {
        for (int i = 0; i < replacements.size(); i++) {
            String at = field + ".replacements[" + i + "]";
            Map<String, Object> replacement = Trees.map(replacements.get(i));
            Map<String, Object> source = replacement == null ? null : Trees.map(replacement.get("source"));
            if (source == null) {
                throw new RenderException(at, "needs a source");
            }
            List<Map<String, Object>> sources = select(resources, source);
            if (sources.size() != 1) {
                throw new RenderException(at + ".source", "selects " + sources.size() + " resources, not one");
            }
            String sourcePath = source.get("fieldPath") == null
                    ? "metadata.name"
                    : source.get("fieldPath").toString();
            Object value = read(sources.get(0), segments(sourcePath));
            if (value == null) {
                throw new RenderException(at + ".source.fieldPath", sourcePath + " not found in the source");
            }
            for (Object targetObject : Trees.list(replacement.get("targets"))) {
                Map<String, Object> target = Trees.map(targetObject);
                Map<String, Object> select = target == null ? null : Trees.map(target.get("select"));
                if (select == null) {
                    throw new RenderException(at + ".targets", "each target needs a select");
                }
                Map<String, Object> options = Trees.map(target.get("options"));
                boolean create = options != null && Boolean.TRUE.equals(options.get("create"));
                for (Map<String, Object> resource : select(resources, select)) {
                    for (Object path : Trees.list(target.get("fieldPaths"))) {
                        if (!write(resource, segments(path.toString()), value, create)) {
                            throw new RenderException(
                                    at + ".targets",
                                    path + " not found in " + select.get("kind") + " "
                                            + Trees.at(resource, "metadata", "name"));
                        }
                    }
                }
            }
        }
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> resources, Map<String, Object> selector) {
        List<Map<String, Object>> selected = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            if (matches(selector.get("kind"), resource.get("kind"))
                    && matches(selector.get("name"), Trees.at(resource, "metadata", "name"))
                    && matches(selector.get("namespace"), Trees.at(resource, "metadata", "namespace"))) {
                selected.add(resource);
            }
        }
        return selected;
    }

    private static boolean matches(Object wanted, Object actual) {
        return wanted == null || wanted.equals(actual);
    }

    /** {@code a.b.[name=x].c} → a, b, [name=x], c; dots inside brackets do not split. */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        segments.add(current.toString());
        return segments;
    }

    private static Object read(Object node, List<String> segments) {
        Object current = node;
        for (String segment : segments) {
            current = child(current, segment, false);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static boolean write(Map<String, Object> resource, List<String> segments, Object value, boolean create) {
        Object current = resource;
        for (int i = 0; i < segments.size() - 1; i++) {
            current = child(current, segments.get(i), create);
            if (current == null) {
                return false;
            }
        }
        String last = segments.get(segments.size() - 1);
        Map<String, Object> map = Trees.map(current);
        if (map == null || (!create && !map.containsKey(last))) {
            return false;
        }
        map.put(last, value);
        return true;
    }

    private static Object child(Object node, String segment, boolean create) {
        if (segment.startsWith("[") && segment.endsWith("]")) {
            String selector = segment.substring(1, segment.length() - 1);
            int eq = selector.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String key = selector.substring(0, eq);
            String wanted = selector.substring(eq + 1);
            for (Object item : Trees.list(node)) {
                Map<String, Object> element = Trees.map(item);
                if (element != null && wanted.equals(String.valueOf(element.get(key)))) {
                    return element;
                }
            }
            return null;
        }
        if (node instanceof List<?> list && segment.matches("\\d+")) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        Map<String, Object> map = Trees.map(node);
        if (map == null) {
            return null;
        }
        Object child = map.get(segment);
        if (child == null && create) {
            child = new LinkedHashMap<String, Object>();
            map.put(segment, child);
        }
        return child;
    }
}
