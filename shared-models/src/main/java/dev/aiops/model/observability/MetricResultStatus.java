package dev.aiops.model.observability;

/** Outcome of one cluster's share of a federated query. PARTIAL: the cluster answered with warnings. */
public enum MetricResultStatus {
    SUCCESS,
    ERROR,
    TIMEOUT,
    PARTIAL
}
