package dev.aiops.collector.gpu;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.model.gpu.GpuProcess;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a node's new readings deserve a GPU_UPDATE compared with what the last event for the node
 * said (not with the previous poll, so a slow drift is reported once it adds up to a threshold): a GPU
 * appeared or went, its processes changed, a reading appeared or went, or moved by a threshold. What the last
 * event said is kept in Redis by {@link GpuUpdates}, shared by all collector replicas.
 */
final class GpuChanges {

    private final GpuProperties.Thresholds thresholds;

    GpuChanges(GpuProperties.Thresholds thresholds) {
        this.thresholds = thresholds;
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
