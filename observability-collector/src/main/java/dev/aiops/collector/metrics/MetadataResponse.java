package dev.aiops.collector.metrics;

import dev.aiops.model.observability.MetricResultStatus;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Series, labels, label values or metadata across the fleet, with each cluster's outcome. */
@JsonNaming(SnakeCaseStrategy.class)
public record MetadataResponse(
        Object data, List<ClusterStatus> clusters, int clustersQueried, int clustersSucceeded, List<String> warnings) {

    @JsonNaming(SnakeCaseStrategy.class)
    public record ClusterStatus(
            UUID clusterId, String clusterName, MetricResultStatus status, String error, long queryTimeMs) {}
}
