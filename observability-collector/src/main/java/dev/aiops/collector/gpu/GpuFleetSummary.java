package dev.aiops.collector.gpu;

import dev.aiops.model.gpu.GpuSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/v1/gpu/summary}: the fleet totals of {@link GpuSummary} plus the GPUs worth a look, the
 * hottest and the idle ones.
 *
 * @param idleGpus GPUs at or below the idle utilisation with no process: capacity nobody uses
 * @param clustersFailed clusters whose GPUs could not be read in this collection (named, with why)
 */
@JsonNaming(SnakeCaseStrategy.class)
record GpuFleetSummary(
        int clusterCount,
        int nodeCount,
        int gpuCount,
        Double avgUtilizationPercent,
        Double avgMemoryUtilizationPercent,
        long memoryTotalMb,
        long memoryUsedMb,
        int processCount,
        Map<String, Integer> gpusByType,
        List<GpuRef> hottest,
        List<GpuRef> idleGpus,
        List<String> clustersFailed,
        Instant lastUpdated) {

    /** One GPU named by where it is. */
    @JsonNaming(SnakeCaseStrategy.class)
    record GpuRef(
            UUID clusterId,
            String clusterName,
            String nodeName,
            int index,
            String uuid,
            String name,
            Double temperatureCelsius,
            Double utilizationGpuPercent,
            Long memoryUsedMb) {}
}
