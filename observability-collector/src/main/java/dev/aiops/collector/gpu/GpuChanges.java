package dev.aiops.collector.gpu;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.model.gpu.GpuProcess;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Decides which nodes deserve a GPU_UPDATE: compared with what the last event for the node said (not with
 * the previous poll, so a slow drift is reported once it adds up to a threshold), a node is news when a GPU
 * appeared or went, its processes changed, a reading appeared or went, or moved by a threshold.
 */
final class GpuChanges {

    private final GpuProperties.Thresholds thresholds;
    private final Map<String, GpuNode> lastSent = new ConcurrentHashMap<>();

    GpuChanges(GpuProperties.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The nodes of this collection that changed enough since their last event. */
    List<GpuNode> changed(Collection<GpuNode> nodes) {
        Set<String> present = new HashSet<>();
        List<GpuNode> changed = new java.util.ArrayList<>();
        for (GpuNode node : nodes) {
            String key = key(node);
            present.add(key);
            GpuNode previous = lastSent.get(key);
            if (previous == null || significant(previous, node)) {
                changed.add(node);
            }
        }
        // a node that vanished is news again when it comes back
        lastSent.keySet().retainAll(present);
        return changed;
    }

    /** Records that an event for the node went out; a failed publish leaves the node to be retried. */
    void sent(GpuNode node) {
        lastSent.put(key(node), node);
    }

    private static String key(GpuNode node) {
        return node.clusterId() + "/" + node.nodeName();
    }

    boolean significant(GpuNode before, GpuNode after) {
        Map<String, Gpu> old = byId(before.gpus());
        Map<String, Gpu> now = byId(after.gpus());
        if (!old.keySet().equals(now.keySet())) {
            return true;
        }
        for (Map.Entry<String, Gpu> e : now.entrySet()) {
            Gpu a = old.get(e.getKey());
            Gpu b = e.getValue();
            if (!pids(a).equals(pids(b))
                    || moved(a.utilizationGpuPercent(), b.utilizationGpuPercent(), thresholds.utilizationPercent())
                    || moved(a.temperatureCelsius(), b.temperatureCelsius(), thresholds.temperatureCelsius())
                    || moved(a.powerDrawWatts(), b.powerDrawWatts(), thresholds.powerWatts())
                    || moved(
                            a.memoryUsedMb() == null ? null : a.memoryUsedMb().doubleValue(),
                            b.memoryUsedMb() == null ? null : b.memoryUsedMb().doubleValue(),
                            thresholds.memoryUsedMb())) {
                return true;
            }
        }
        return false;
    }

    private static boolean moved(Double before, Double after, double threshold) {
        if (before == null || after == null) {
            return !Objects.equals(before, after);
        }
        double delta = Math.abs(after - before);
        // a threshold of 0 reports every change, never an unchanged reading
        return threshold == 0 ? delta > 0 : delta >= threshold;
    }

    private static Set<Long> pids(Gpu gpu) {
        return gpu.processes().stream().map(GpuProcess::pid).collect(Collectors.toSet());
    }

    private static Map<String, Gpu> byId(List<Gpu> gpus) {
        return gpus.stream()
                .collect(
                        Collectors.toMap(g -> g.uuid() != null ? g.uuid() : "index-" + g.index(), g -> g, (x, y) -> x));
    }
}
