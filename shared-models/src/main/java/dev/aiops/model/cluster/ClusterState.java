package dev.aiops.model.cluster;

/** Health state derived by the registry's health checks. */
public enum ClusterState {
    ONLINE,
    OFFLINE,
    DEGRADED,
    UNKNOWN,
    PROVISIONING
}
