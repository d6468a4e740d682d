package dev.aiops.model.cluster;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Result of the latest health evaluation of a cluster. Booleans are null for components the cluster lacks. */
@JsonNaming(SnakeCaseStrategy.class)
public record ClusterStatus(
        @NotNull ClusterState state,
        @Min(0) @Max(100) int healthScore,
        @NotNull Connectivity connectivity,
        String lastError,
        Boolean apiServerHealthy,
        Boolean prometheusHealthy,
        Boolean tempoHealthy,
        Boolean lokiHealthy) {

    /** The status of a cluster nobody has checked yet. */
    public static ClusterStatus unknown() {
        return new ClusterStatus(ClusterState.UNKNOWN, 0, Connectivity.DISCONNECTED, null, null, null, null, null);
    }
}
