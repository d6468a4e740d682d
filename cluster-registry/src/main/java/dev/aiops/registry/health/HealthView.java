package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterStatus;
import dev.aiops.model.cluster.Connectivity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/v1/clusters/{id}/status}: the {@link ClusterStatus} fields, when the cluster was
 * checked and heard from, the credentials expiry warning, and the latest history.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record HealthView(
        UUID clusterId,
        ClusterState state,
        int healthScore,
        Connectivity connectivity,
        String lastError,
        Boolean apiServerHealthy,
        Boolean prometheusHealthy,
        Boolean tempoHealthy,
        Boolean lokiHealthy,
        Instant lastCheckedAt,
        Instant lastSeenAt,
        Instant nextCheckAt,
        Instant credentialsExpiresAt,
        boolean credentialsExpiring,
        Instant discoveredAt,
        String discoveryError,
        List<HealthCheckView> history) {}
