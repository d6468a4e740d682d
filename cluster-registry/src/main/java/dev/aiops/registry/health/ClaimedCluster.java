package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterType;
import java.time.Instant;
import java.util.UUID;

/** A cluster this replica holds the check lease of, with what the check needs. */
record ClaimedCluster(
        UUID id,
        String name,
        ClusterType clusterType,
        String apiServerUrl,
        ClusterEndpoints endpoints,
        String owner,
        Instant dueAt,
        Instant claimedAt) {}
