package dev.aiops.registry.fleet;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /api/v1/fleet/summary}. Every enum value appears in the count maps, with 0 when absent. */
@JsonNaming(SnakeCaseStrategy.class)
public record FleetSummary(
        long totalClusters,
        Map<String, Long> byState,
        Map<String, Long> byType,
        Map<String, Long> byEnvironment,
        Map<String, Long> byPlatform,
        double averageHealthScore,
        Gpus gpus,
        Cnfs cnfs,
        Instant generatedAt) {

    /** @param byProduct GPU product → number of GPUs */
    @JsonNaming(SnakeCaseStrategy.class)
    public record Gpus(long clustersWithGpus, long totalGpus, Map<String, Long> byProduct) {}

    /** @param byType CNF type → number of clusters running it */
    @JsonNaming(SnakeCaseStrategy.class)
    public record Cnfs(long clustersWithCnfs, Map<String, Long> byType) {}
}
