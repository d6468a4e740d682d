package dev.aiops.rca;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fleet objects and the "can affect" links between them (cluster → node → pod, node → GPU → pod, pod → CNF,
 * link → CNF, package revision → CNF, certificate → CNF, monitoring → what it scrapes, pod → node for resource
 * contention). Like Korrel8r's links between domains, an edge says: trouble at the source may show up as
 * signals at the target.
 */
public final class FleetGraph {

    private final Map<String, FleetObject> objects = new LinkedHashMap<>();
    private final Map<String, List<String>> affects = new HashMap<>();

    public FleetGraph add(String id, ObjectKind kind) {
        objects.putIfAbsent(id, new FleetObject(id, kind));
        return this;
    }

    /** Trouble at {@code source} can propagate to {@code target}; both must have been added. */
    public FleetGraph link(String source, String target) {
        if (!objects.containsKey(source) || !objects.containsKey(target)) {
            throw new IllegalArgumentException("unknown object in link " + source + " -> " + target);
        }
        affects.computeIfAbsent(source, k -> new ArrayList<>()).add(target);
        return this;
    }

    public FleetObject object(String id) {
        FleetObject object = objects.get(id);
        if (object == null) {
            throw new IllegalArgumentException("unknown object " + id);
        }
        return object;
    }

    public boolean contains(String id) {
        return objects.containsKey(id);
    }

    public Collection<FleetObject> objects() {
        return objects.values();
    }

    /** Hop distance from {@code source} to every object downstream of it within {@code maxHops} (source = 0). */
    public Map<String, Integer> downstream(String source, int maxHops) {
        Map<String, Integer> distance = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        distance.put(source, 0);
        queue.add(source);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            int d = distance.get(at);
            if (d == maxHops) {
                continue;
            }
            for (String next : affects.getOrDefault(at, List.of())) {
                if (!distance.containsKey(next)) {
                    distance.put(next, d + 1);
                    queue.add(next);
                }
            }
        }
        return distance;
    }
}
