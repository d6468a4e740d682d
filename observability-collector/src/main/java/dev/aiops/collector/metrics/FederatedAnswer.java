package dev.aiops.collector.metrics;

import java.util.List;

/**
 * The fleet's answer: the merged data, every queried cluster's outcome, and the warnings (failed clusters
 * under {@code partial_response=warn}, and what Prometheus itself warned about).
 *
 * @param merged true when {@code data} was computed from per-cluster partial aggregates
 * @param fromCache true when the answer came from the query cache
 */
record FederatedAnswer(
        QueryData data,
        boolean merged,
        List<ClusterOutcome<List<QueryData>>> outcomes,
        List<String> warnings,
        long totalQueryTimeMs,
        boolean fromCache) {

    FederatedAnswer timed(long totalMs) {
        return new FederatedAnswer(data, merged, outcomes, warnings, totalMs, fromCache);
    }

    int clustersSucceeded() {
        return (int) outcomes.stream().filter(ClusterOutcome::succeeded).count();
    }
}
