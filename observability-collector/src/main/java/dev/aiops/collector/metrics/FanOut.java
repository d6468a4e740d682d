package dev.aiops.collector.metrics;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.config.CollectorProperties;
import dev.aiops.model.observability.MetricResultStatus;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one call per cluster in parallel, each behind the cluster's own bulkhead and circuit breaker and
 * bounded by a per-cluster deadline, so a dead or hanging Prometheus costs one timeout and never holds the
 * others up. Every cluster gets an outcome (SUCCESS / PARTIAL / ERROR / TIMEOUT), never an exception.
 */
@Component
class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    /** A per-cluster call; it must honour the timeout it is given. */
    @FunctionalInterface
    interface ClusterCall<T> {
        Result<T> call(ClusterConnection cluster, Duration timeout) throws Exception;
    }

    record Result<T>(T value, List<String> warnings) {}

    private final FanOutExecutor executor;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final CollectorProperties.Federation settings;

    FanOut(FanOutExecutor executor, CollectorProperties properties) {
        this.executor = executor;
        this.settings = properties.federation();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(Math.min(settings.slidingWindow(), 5))
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                // a query Prometheus rejects is the caller's fault, not the cluster's
                .ignoreException(e -> e instanceof PrometheusApiException p && p.isQueryError())
                .build());
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentPerCluster())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    /** The per-cluster deadline for a request that may take {@code requestTimeout} in all. */
    Duration clusterTimeout(Duration requestTimeout) {
        Duration bounded = requestTimeout.minus(settings.timeoutMargin());
        if (bounded.isNegative() || bounded.isZero()) {
            bounded = requestTimeout.dividedBy(2);
        }
        return bounded.compareTo(settings.clusterTimeout()) < 0 ? bounded : settings.clusterTimeout();
    }

    <T> List<ClusterOutcome<T>> run(List<ClusterConnection> clusters, Duration timeout, ClusterCall<T> call) {
        if (clusters.size() == 1) {
            // nothing to run beside it: the call's own deadline bounds it on the caller's thread
            return List.of(callOne(clusters.get(0), timeout, call));
        }
        List<CompletableFuture<ClusterOutcome<T>>> futures = new ArrayList<>();
        for (ClusterConnection cluster : clusters) {
            futures.add(CompletableFuture.supplyAsync(() -> callOne(cluster, timeout, call), executor.calls()));
        }
        long deadline =
                System.nanoTime() + timeout.toNanos() + Duration.ofMillis(200).toNanos();
        List<ClusterOutcome<T>> outcomes = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            ClusterConnection cluster = clusters.get(i);
            CompletableFuture<ClusterOutcome<T>> future = futures.get(i);
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                outcomes.add(future.get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                // the call's own timeout should have fired first; this is the backstop
                future.cancel(true);
                outcomes.add(failure(
                        cluster, MetricResultStatus.TIMEOUT, timeoutMessage(timeout), null, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(failure(cluster, MetricResultStatus.ERROR, "interrupted", null, 0));
            } catch (ExecutionException e) {
                outcomes.add(failure(cluster, MetricResultStatus.ERROR, "internal error", null, 0));
            }
        }
        return outcomes;
    }

    private <T> ClusterOutcome<T> callOne(ClusterConnection cluster, Duration timeout, ClusterCall<T> call) {
        long started = System.nanoTime();
        CircuitBreaker breaker = breakers.circuitBreaker(cluster.id().toString());
        Bulkhead bulkhead = bulkheads.bulkhead(cluster.id().toString());
        try {
            Result<T> result = Bulkhead.decorateCheckedSupplier(
                            bulkhead, () -> breaker.executeCheckedSupplier(() -> call.call(cluster, timeout)))
                    .get();
            MetricResultStatus status =
                    result.warnings().isEmpty() ? MetricResultStatus.SUCCESS : MetricResultStatus.PARTIAL;
            return new ClusterOutcome<>(
                    cluster, status, result.value(), result.warnings(), null, null, millis(started));
        } catch (PrometheusClient.TimedOutException e) {
            return e.connecting()
                    ? failure(
                            cluster,
                            MetricResultStatus.ERROR,
                            "connection to Prometheus timed out",
                            null,
                            millis(started))
                    : failure(cluster, MetricResultStatus.TIMEOUT, timeoutMessage(timeout), null, millis(started));
        } catch (PrometheusApiException e) {
            String status = "timeout".equals(e.errorType()) ? "TIMEOUT" : "ERROR";
            return failure(cluster, MetricResultStatus.valueOf(status), e.getMessage(), e.errorType(), millis(started));
        } catch (CallNotPermittedException e) {
            return failure(
                    cluster,
                    MetricResultStatus.ERROR,
                    "circuit breaker open after repeated failures",
                    null,
                    millis(started));
        } catch (BulkheadFullException e) {
            return failure(
                    cluster,
                    MetricResultStatus.ERROR,
                    "too many queries in flight to this cluster",
                    null,
                    millis(started));
        } catch (java.net.ConnectException e) {
            return failure(
                    cluster, MetricResultStatus.ERROR, "Prometheus refused the connection", null, millis(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(cluster, MetricResultStatus.ERROR, "interrupted", null, millis(started));
        } catch (Throwable e) {
            log.debug("Query to cluster {} failed", cluster.name(), e);
            return failure(
                    cluster,
                    MetricResultStatus.ERROR,
                    "Prometheus unreachable (" + e.getClass().getSimpleName() + ")",
                    null,
                    millis(started));
        }
    }

    private static String timeoutMessage(Duration timeout) {
        return "no answer within " + timeout.toMillis() + " ms";
    }

    private static <T> ClusterOutcome<T> failure(
            ClusterConnection cluster, MetricResultStatus status, String error, String errorType, long ms) {
        return new ClusterOutcome<>(cluster, status, null, List.of(), error, errorType, ms);
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
