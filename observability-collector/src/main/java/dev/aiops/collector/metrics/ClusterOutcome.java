package dev.aiops.collector.metrics;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.model.observability.MetricResultStatus;
import java.util.List;

/**
 * One cluster's share of a fan-out: its status, what it answered (null unless it succeeded), and for a
 * failure the reason and Prometheus' {@code errorType} when Prometheus gave one.
 */
record ClusterOutcome<T>(
        ClusterConnection cluster,
        MetricResultStatus status,
        T value,
        List<String> warnings,
        String error,
        String errorType,
        long queryTimeMs) {

    boolean succeeded() {
        return status == MetricResultStatus.SUCCESS || status == MetricResultStatus.PARTIAL;
    }
}
