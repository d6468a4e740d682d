package dev.aiops.collector.config;

import dev.aiops.platform.outbound.UrlGuardProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code aiops.collector.*}: every knob of the collector, with production-safe defaults. */
@Validated
@ConfigurationProperties(prefix = "aiops.collector")
public record CollectorProperties(
        @Valid @DefaultValue Registry registry,
        @Valid @DefaultValue Federation federation,
        @Valid @DefaultValue Ves ves,
        @Valid @DefaultValue Kpm kpm) {

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
     * @param urlGuard where a {@code prometheus_url} may not point: platform-commons' guard with its
     *     production defaults (loopback refused; the local launcher and the tests allow it)
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
            @Min(1) @DefaultValue("11000") int maxPoints,
            @Valid @DefaultValue UrlGuardProperties urlGuard) {}

    /**
     * The VES 7.x event listener.
     *
     * @param retention how long accepted events are kept (whole days; older daily partitions are dropped)
     * @param maintenanceInterval how often expired partitions are dropped and the next days' created
     * @param heartbeatCheckInterval how often sources are checked for 3 missed heartbeat intervals
     * @param countLimit the event list counts matches up to this many; beyond it, {@code total} is a lower
     *     bound and {@code total_exact} false (an exact count of a broad filter costs more than the page)
     */
    public record Ves(
            @Valid @DefaultValue Auth auth,
            @Valid @DefaultValue RateLimit rateLimit,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("1h") Duration maintenanceInterval,
            @DefaultValue("10s") Duration heartbeatCheckInterval,
            @Min(1) @DefaultValue("10000") int countLimit) {}

    /**
     * How VES senders authenticate on {@code /eventListener/**} and {@code POST /api/v1/fcaps/events}.
     *
     * @param mode BASIC (the configured users), BEARER (a platform token of an operator or service), or
     *     BOTH; never open
     * @param users basic-auth senders; {@code password} is a Spring Security encoded hash such as
     *     {@code {bcrypt}$2a$10$...} (or {@code {noop}secret} in development only)
     */
    public record Auth(
            @NotNull @DefaultValue("BOTH") AuthMode mode,
            @Valid @DefaultValue List<User> users) {}

    public enum AuthMode {
        BASIC,
        BEARER,
        BOTH;

        public boolean allowsBasic() {
            return this != BEARER;
        }

        public boolean allowsBearer() {
            return this != BASIC;
        }
    }

    public record User(@NotBlank String username, @NotBlank String password) {}

    /**
     * Token bucket per {@code sourceName}, kept in Redis so that every replica draws from the same bucket.
     *
     * @param eventsPerSecond sustained rate one source may send
     * @param burst bucket size: events one source may send at once after a quiet period
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("1000") int eventsPerSecond,
            @Min(1) @DefaultValue("5000") int burst) {}

    /**
     * E2 KPM ingestion.
     *
     * @param closeInterval how often windows whose 30 s have passed are closed and streamed
     * @param gaugeTtl the e2_kpm_* series of a (node, cell) disappear when it has not reported for this long
     */
    public record Kpm(
            @DefaultValue("1s") Duration closeInterval,
            @DefaultValue("5m") Duration gaugeTtl) {}
}
