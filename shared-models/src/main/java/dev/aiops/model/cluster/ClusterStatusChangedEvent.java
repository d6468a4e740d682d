package dev.aiops.model.cluster;

import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Payload of CLUSTER_STATUS_CHANGED. */
@JsonNaming(SnakeCaseStrategy.class)
public record ClusterStatusChangedEvent(
        UUID clusterId, ClusterState oldState, ClusterState newState, int healthScore, String reason) {}
