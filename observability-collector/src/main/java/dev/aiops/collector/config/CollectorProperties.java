package dev.aiops.collector.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code aiops.collector.*}: every knob of the collector, with production-safe defaults. */
@Validated
@ConfigurationProperties(prefix = "aiops.collector")
public record CollectorProperties(
        @Valid @DefaultValue Registry registry,
        @Valid @DefaultValue Federation federation) {

    /**
     * @param refreshInterval full re-read of every cluster's connection, the safety net behind the
     *     CLUSTER_* notifications (which are pub/sub and may be missed during a restart)
     */
    public record Registry(
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("60s") Duration refreshInterval) {}

    /**
     * @param clusterTimeout upper bound of one cluster's share of a query; a query's own timeout lowers
     *     it, never raises it, and it always ends {@code timeoutMargin} before the request's
     * @param timeoutMargin time kept between the per-cluster deadline and the request's, to merge and answer
     * @param connectTimeout TCP connect timeout towards a Prometheus
     * @param maxConcurrentPerCluster bulkhead: queries in flight to one Prometheus; beyond it a query
     *     fails fast for that cluster instead of queueing behind a slow one
     * @param threads fan-out threads shared by all queries
     * @param failureRateThreshold circuit breaker: percentage of failed calls that opens it
     * @param slidingWindow circuit breaker: calls considered
     * @param openDuration circuit breaker: how long an open breaker refuses calls before probing again
     * @param maxPoints Prometheus' limit of points per series in a range query
     */
    public record Federation(
            @DefaultValue("20s") Duration clusterTimeout,
            @DefaultValue("500ms") Duration timeoutMargin,
            @DefaultValue("2s") Duration connectTimeout,
            @Min(1) @Max(10_000) @DefaultValue("32") int maxConcurrentPerCluster,
            @Min(1) @Max(1_024) @DefaultValue("64") int threads,
            @Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
            @Min(2) @Max(1_000) @DefaultValue("20") int slidingWindow,
            @DefaultValue("30s") Duration openDuration,
            @Min(1) @DefaultValue("11000") int maxPoints) {}
}
