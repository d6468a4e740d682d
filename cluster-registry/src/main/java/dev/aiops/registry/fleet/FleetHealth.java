package dev.aiops.registry.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /api/v1/fleet/health}: the fleet's state at a glance and the clusters needing attention. */
@JsonNaming(SnakeCaseStrategy.class)
public record FleetHealth(
        long totalClusters,
        long online,
        Map<String, Long> byState,
        Map<String, Long> byConnectivity,
        double averageHealthScore,
        long credentialsExpiring,
        List<Attention> needingAttention,
        Instant generatedAt) {

    /** A cluster that is not ONLINE, worst score first. */
    @JsonNaming(SnakeCaseStrategy.class)
    public record Attention(
            UUID id,
            String name,
            String clusterType,
            String state,
            int healthScore,
            String connectivity,
            String lastError,
            Instant lastSeenAt) {}
}
