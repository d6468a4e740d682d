package dev.aiops.model.cluster;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Payload of CLUSTER_REGISTERED, CLUSTER_UPDATED, CLUSTER_DELETED, CLUSTER_CREDENTIALS_UPDATED and
 * CLUSTER_CAPABILITIES_CHANGED: the cluster as it is after the change (as it was, for a deletion).
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ClusterChangedEvent(ClusterView cluster) {}
