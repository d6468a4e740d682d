package dev.aiops.model.gpu;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Fleet-wide GPU totals. Averages and memory totals only count GPUs that reported the reading, so an
 * {@code [N/A]} never drags an average towards zero; an average is null when no GPU reported it.
 *
 * @param gpusByType number of GPUs per product name (for example {@code NVIDIA H100 80GB HBM3})
 */
@JsonNaming(SnakeCaseStrategy.class)
public record GpuSummary(
        int clusterCount,
        int nodeCount,
        int gpuCount,
        Double avgUtilizationPercent,
        Double avgMemoryUtilizationPercent,
        long memoryTotalMb,
        long memoryUsedMb,
        int processCount,
        Map<String, Integer> gpusByType) {

    public GpuSummary {
        gpusByType = gpusByType == null ? Map.of() : Map.copyOf(gpusByType);
    }

    /** Totals over the given nodes. */
    public static GpuSummary of(Collection<GpuNode> nodes) {
        Set<UUID> clusters = new HashSet<>();
        Map<String, Integer> byType = new TreeMap<>();
        int gpuCount = 0;
        int processCount = 0;
        long memoryTotal = 0;
        long memoryUsed = 0;
        double utilizationSum = 0;
        int utilizationReports = 0;
        double memoryUtilizationSum = 0;
        int memoryUtilizationReports = 0;
        for (GpuNode node : nodes) {
            clusters.add(node.clusterId());
            for (Gpu gpu : node.gpus()) {
                gpuCount++;
                processCount += gpu.processes().size();
                byType.merge(Objects.requireNonNullElse(gpu.name(), "unknown"), 1, Integer::sum);
                if (gpu.memoryTotalMb() != null) {
                    memoryTotal += gpu.memoryTotalMb();
                }
                if (gpu.memoryUsedMb() != null) {
                    memoryUsed += gpu.memoryUsedMb();
                }
                if (gpu.utilizationGpuPercent() != null) {
                    utilizationSum += gpu.utilizationGpuPercent();
                    utilizationReports++;
                }
                if (gpu.utilizationMemoryPercent() != null) {
                    memoryUtilizationSum += gpu.utilizationMemoryPercent();
                    memoryUtilizationReports++;
                }
            }
        }
        return new GpuSummary(
                clusters.size(),
                nodes.size(),
                gpuCount,
                utilizationReports == 0 ? null : utilizationSum / utilizationReports,
                memoryUtilizationReports == 0 ? null : memoryUtilizationSum / memoryUtilizationReports,
                memoryTotal,
                memoryUsed,
                processCount,
                byType);
    }
}
