package dev.aiops.collector.metrics;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.model.observability.MetricSeries;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The federation engine for the collector's other features (GPU telemetry): one instant PromQL query over
 * every cluster with Prometheus, through the same parser, label routing, fan-out, circuit breakers and
 * bulkheads as the metrics APIs, answered per cluster rather than merged.
 */
@Component
public class FleetQueries {

    private final FederatedQueryService federation;

    FleetQueries(FederatedQueryService federation) {
        this.federation = federation;
    }

    /**
     * One cluster's share of the answer.
     *
     * @param series the cluster's series as its Prometheus returned them (no {@code cluster} label
     *     added), empty unless it succeeded
     * @param error why the cluster did not answer, null when it did
     */
    public record ClusterSeries(
            ClusterConnection cluster, boolean succeeded, List<MetricSeries> series, String error) {}

    /**
     * Evaluates {@code promql} now on every cluster with Prometheus, bypassing the query cache: callers
     * keep their own, shorter-lived cache (GPU readings live 5 s, instant queries 30 s).
     *
     * @throws IllegalArgumentException when the query is not valid PromQL (a programming error here)
     */
    public List<ClusterSeries> instant(String promql, Duration timeout) {
        FederatedAnswer answer;
        try {
            answer = federation.query(
                    new FederatedRequest(promql, List.of(), null, null, null, null, timeout, false, true));
        } catch (FederationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return answer.outcomes().stream()
                .map(o -> new ClusterSeries(
                        o.cluster(),
                        o.succeeded(),
                        o.succeeded() && o.value() != null
                                ? o.value().stream()
                                        .flatMap(d -> d.series().stream())
                                        .toList()
                                : List.of(),
                        o.succeeded() ? null : o.status() + ": " + o.error()))
                .toList();
    }
}
