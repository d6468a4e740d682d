package dev.aiops.registry.fleet;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /api/v1/fleet/capabilities}: how many clusters have each capability. */
@JsonNaming(SnakeCaseStrategy.class)
public record FleetCapabilities(
        long totalClusters,
        long withGpus,
        long withPrometheus,
        long withThanos,
        long withTempo,
        long withLoki,
        long withServiceMesh,
        long withCnfs,
        Map<String, GpuProduct> gpuProducts,
        Map<String, Long> cnfTypes,
        Map<String, Map<String, Long>> platformVersions,
        Instant generatedAt) {

    @JsonNaming(SnakeCaseStrategy.class)
    public record GpuProduct(long clusters, long gpus) {}
}
