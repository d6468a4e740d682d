package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterState;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** One entry of a cluster's health history. */
@JsonNaming(SnakeCaseStrategy.class)
public record HealthCheckView(
        Instant checkedAt,
        ClusterState state,
        int healthScore,
        Boolean apiServerHealthy,
        Boolean prometheusHealthy,
        Boolean tempoHealthy,
        Boolean lokiHealthy,
        int durationMs,
        String error) {

    static HealthCheckView of(HealthStore.HistoryRow row) {
        return new HealthCheckView(
                row.checkedAt(),
                row.state(),
                row.healthScore(),
                row.apiServerHealthy(),
                row.prometheusHealthy(),
                row.tempoHealthy(),
                row.lokiHealthy(),
                row.durationMs(),
                row.error());
    }
}
