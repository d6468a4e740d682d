package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.event.EventType;

/**
 * Published in-process, inside the transaction that changed a cluster, so that features keeping
 * their own records of clusters (O2 IMS subscriptions) write them atomically with the change.
 */
public record ClusterChange(EventType type, ClusterView cluster) {}
