package dev.aiops.porch.merge;

import dev.aiops.porch.generation.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Three-way merge of a package's files, as kpt's resource-merge upgrade does it: {@code base} is the upstream
 * revision the package was cloned from, {@code ours} the package with its local edits, {@code theirs} the new
 * upstream revision. A file changed on one side only takes that side; a YAML file changed on both sides is
 * merged resource by resource (matched by kind and name), field by field, and lists whose items all carry a
 * {@code name} (containers, env, ports, volumes) item by item. A field both sides changed differently is a
 * {@link Conflict}; the caller writes nothing when there is one, so no local edit is ever overwritten.
 */
public final class ThreeWayMerge {

    private static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };
    private static final int MAX_SHOWN = 200;

    private ThreeWayMerge() {}

    /**
     * A field (or file, or resource) both sides changed differently. {@code path} is empty for a whole file;
     * {@code base}, {@code ours} and {@code theirs} are the values, null when absent on that side.
     */
    public record Conflict(String file, String path, String base, String ours, String theirs) {}

    /** The merged files, valid only when {@code conflicts} is empty. */
    public record Result(SortedMap<String, String> files, List<Conflict> conflicts) {

        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    public static Result merge(Map<String, String> base, Map<String, String> ours, Map<String, String> theirs) {
        SortedMap<String, String> out = new TreeMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        Set<String> paths = new TreeSet<>(base.keySet());
        paths.addAll(ours.keySet());
        paths.addAll(theirs.keySet());
        for (String path : paths) {
            String b = base.get(path);
            String o = ours.get(path);
            String t = theirs.get(path);
            String merged;
            if (Objects.equals(o, t) || Objects.equals(b, t)) {
                merged = o;
            } else if (Objects.equals(b, o)) {
                merged = t;
            } else if (o == null || t == null) {
                conflicts.add(new Conflict(path, "", shown(b), shown(o), shown(t)));
                continue;
            } else if (isYaml(path)) {
                merged = mergeYaml(path, b, o, t, conflicts);
            } else {
                conflicts.add(new Conflict(path, "", shown(b), shown(o), shown(t)));
                continue;
            }
            if (merged != null) {
                out.put(path, merged);
            }
        }
        return new Result(out, List.copyOf(conflicts));
    }

    private static boolean isYaml(String path) {
        return path.equals("Kptfile") || path.endsWith(".yaml") || path.endsWith(".yml");
    }

    private static String mergeYaml(String file, String b, String o, String t, List<Conflict> conflicts) {
        Map<String, Object> base;
        Map<String, Object> ours;
        Map<String, Object> theirs;
        try {
            base = b == null ? Map.of() : resources(b);
            ours = resources(o);
            theirs = resources(t);
        } catch (RuntimeException e) {
            // not YAML resources on some side: only a whole-file decision is possible
            conflicts.add(new Conflict(file, "", shown(b), shown(o), shown(t)));
            return null;
        }
        int before = conflicts.size();
        Map<String, Object> merged = mergeKeyed(file, key -> key + ":", base, ours, theirs, conflicts);
        if (conflicts.size() > before) {
            return null;
        }
        List<Object> documents = new ArrayList<>();
        for (Object tree : merged.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) tree;
            documents.add(Manifests.typed(resource));
        }
        return Manifests.toYaml(documents);
    }

    /** A file's resources keyed by kind/name, in file order. */
    private static Map<String, Object> resources(String text) {
        Map<String, Object> resources = new LinkedHashMap<>();
        List<String> documents = Manifests.documents(text);
        for (int i = 0; i < documents.size(); i++) {
            Map<String, Object> tree = Manifests.toTree(documents.get(i));
            Object name = tree.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
            String key = tree.get("kind") + "/" + (name != null ? name : "#" + i);
            resources.put(key, tree);
        }
        return resources;
    }

    /**
     * Merges maps whose values are matched by key: ours' order first, then what theirs added. A key absent on a
     * side is {@link #ABSENT}, so a deletion is a change like any other.
     */
    private static Map<String, Object> mergeKeyed(
            String file,
            java.util.function.UnaryOperator<String> childPath,
            Map<String, Object> base,
            Map<String, Object> ours,
            Map<String, Object> theirs,
            List<Conflict> conflicts) {
        Set<String> keys = new LinkedHashSet<>(ours.keySet());
        keys.addAll(theirs.keySet());
        keys.addAll(base.keySet());
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            Object value =
                    mergeValue(file, childPath.apply(key), get(base, key), get(ours, key), get(theirs, key), conflicts);
            if (value != ABSENT) {
                out.put(key, value);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(String file, String path, Object b, Object o, Object t, List<Conflict> conflicts) {
        if (Objects.equals(o, t) || Objects.equals(b, t)) {
            return o;
        }
        if (Objects.equals(b, o)) {
            return t;
        }
        if (o instanceof Map<?, ?> om && t instanceof Map<?, ?> tm) {
            Map<String, Object> bm = b instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            return mergeKeyed(
                    file,
                    key -> path + (path.endsWith(":") ? "" : ".") + key,
                    bm,
                    (Map<String, Object>) om,
                    (Map<String, Object>) tm,
                    conflicts);
        }
        if (o instanceof List<?> ol && t instanceof List<?> tl) {
            List<?> bl = b instanceof List<?> list ? list : List.of();
            if (named(bl) && named(ol) && named(tl)) {
                Map<String, Object> merged = mergeKeyed(
                        file, name -> path + "[name=" + name + "]", byName(bl), byName(ol), byName(tl), conflicts);
                return new ArrayList<>(merged.values());
            }
        }
        String shownPath = path.endsWith(":") ? path.substring(0, path.length() - 1) : path;
        conflicts.add(new Conflict(file, shownPath, shown(b), shown(o), shown(t)));
        return o;
    }

    private static boolean named(List<?> list) {
        return list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
    }

    private static Map<String, Object> byName(List<?> list) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object item : list) {
            out.put(String.valueOf(((Map<?, ?>) item).get("name")), item);
        }
        return out;
    }

    private static Object get(Map<String, Object> map, String key) {
        return map.containsKey(key) ? map.get(key) : ABSENT;
    }

    private static String shown(Object value) {
        if (value == null || value == ABSENT) {
            return null;
        }
        String text = String.valueOf(value);
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    }
}
