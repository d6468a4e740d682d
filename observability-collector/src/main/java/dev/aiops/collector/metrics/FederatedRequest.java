package dev.aiops.collector.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A PromQL query to answer across the fleet. {@code time} (instant) or {@code start}/{@code end}/{@code
 * step} (range) are already parsed; an empty {@code clusterIds} means every cluster with Prometheus.
 */
record FederatedRequest(
        String query,
        List<UUID> clusterIds,
        Instant time,
        Instant start,
        Instant end,
        Duration step,
        Duration timeout,
        boolean abortOnPartial,
        boolean noCache) {

    boolean range() {
        return start != null;
    }

    /**
     * The range with start and end moved down to a multiple of the step, as dashboards' refreshes then ask
     * for the same evaluation times and hit the cache (Grafana and Thanos' query frontend align the same way).
     */
    FederatedRequest alignedToStep() {
        if (!range() || step == null || step.toMillis() <= 0) {
            return this;
        }
        long s = step.toMillis();
        Instant alignedStart = Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli(), s) * s);
        Instant alignedEnd = Instant.ofEpochMilli(Math.floorDiv(end.toEpochMilli(), s) * s);
        return new FederatedRequest(
                query, clusterIds, time, alignedStart, alignedEnd, step, timeout, abortOnPartial, noCache);
    }
}
