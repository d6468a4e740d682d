package dev.aiops.model.cluster;

/** Whether the registry can reach a cluster's API server. */
public enum Connectivity {
    CONNECTED,
    DISCONNECTED,
    INTERMITTENT
}
