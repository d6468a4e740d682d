package dev.aiops.collector.metrics;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.cluster.ClusterDirectory;
import dev.aiops.collector.config.CollectorProperties;
import dev.aiops.collector.metrics.FederationException.Reason;
import dev.aiops.collector.metrics.promql.Expr;
import dev.aiops.collector.metrics.promql.PromQlParser;
import dev.aiops.collector.metrics.promql.PromQlSyntaxException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Answers a PromQL query across the fleet: parses it, routes it on {@code cluster} matchers, plans the
 * per-cluster queries (partial aggregates for a top-level aggregation), fans them out and merges the
 * answers. Both the platform API and the Prometheus-compatible API sit on top of this.
 */
@Service
class FederatedQueryService {

    private final ClusterDirectory directory;
    private final PrometheusClient prometheus;
    private final FanOut fanOut;
    private final CollectorProperties.Federation settings;

    private final QueryCache cache;

    FederatedQueryService(
            ClusterDirectory directory,
            PrometheusClient prometheus,
            FanOut fanOut,
            QueryCache cache,
            CollectorProperties properties) {
        this.directory = directory;
        this.cache = cache;
        this.prometheus = prometheus;
        this.fanOut = fanOut;
        this.settings = properties.federation();
    }

    FederatedAnswer query(FederatedRequest original) {
        long started = System.nanoTime();
        FederatedRequest request = original.alignedToStep();
        Expr expr = parse(request.query());
        FederationPlan plan;
        try {
            plan = FederationPlan.of(expr);
        } catch (QueryNotFederableException e) {
            throw new FederationException(Reason.NOT_FEDERABLE, "query", e.getMessage());
        }
        if (request.range()) {
            checkResolution(request);
        }
        List<ClusterConnection> candidates = clusters(request.clusterIds());
        Map<ClusterConnection, Expr> routed = new LinkedHashMap<>();
        for (ClusterConnection cluster : candidates) {
            LabelRouting.forCluster(expr, cluster.name()).ifPresent(e -> routed.put(cluster, e));
        }
        if (!LabelRouting.readsSeries(expr) && routed.size() > 1) {
            // 1 + 1 or time() is the same everywhere; one cluster answers it
            ClusterConnection first = routed.keySet().iterator().next();
            routed.keySet().retainAll(List.of(first));
        }
        Map<String, List<String>> base = timeParameters(request);
        String cacheKey = QueryCache.key(expr.toString(), new ArrayList<>(routed.keySet()), cacheRange(request));
        boolean cacheReachable = true;
        if (!request.noCache()) {
            QueryCache.Lookup lookup = cache.get(cacheKey, new ArrayList<>(routed.keySet()));
            if (lookup.hit().isPresent()) {
                return lookup.hit().get().timed((System.nanoTime() - started) / 1_000_000);
            }
            cacheReachable = lookup.reachable();
        }
        Duration timeout = fanOut.clusterTimeout(request.timeout());
        List<ClusterOutcome<List<QueryData>>> outcomes =
                fanOut.run(new ArrayList<>(routed.keySet()), timeout, (cluster, budget) -> {
                    long deadline = System.nanoTime() + budget.toNanos();
                    List<QueryData> answers = new ArrayList<>();
                    List<String> warnings = new ArrayList<>();
                    for (Expr sub : plan.subqueries(routed.get(cluster))) {
                        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                        Map<String, List<String>> form = new LinkedHashMap<>(base);
                        form.put("query", List.of(sub.toString()));
                        form.put("timeout", List.of(left.toMillis() + "ms"));
                        PrometheusClient.Answer answer =
                                prometheus.call(cluster, request.range() ? "query_range" : "query", form, left);
                        answers.add(QueryData.parse(answer.data()));
                        warnings.addAll(answer.warnings());
                    }
                    return new FanOut.Result<>(answers, warnings);
                });
        FederatedAnswer answer = answer(request, plan, outcomes, started);
        if (cacheReachable) {
            cache.put(cacheKey, answer, QueryCache.ttl(request));
        }
        return answer;
    }

    /** The time part of the cache key: the evaluation time, or "latest" for an instant query at now. */
    private static String cacheRange(FederatedRequest request) {
        if (request.range()) {
            return seconds(request.start()) + ".." + seconds(request.end()) + "/"
                    + request.step().toMillis();
        }
        return request.time() == null ? "latest" : seconds(request.time());
    }

    private FederatedAnswer answer(
            FederatedRequest request,
            FederationPlan plan,
            List<ClusterOutcome<List<QueryData>>> outcomes,
            long started) {
        List<ClusterOutcome<List<QueryData>>> failed =
                outcomes.stream().filter(o -> !o.succeeded()).toList();
        if (!outcomes.isEmpty()
                && failed.size() == outcomes.size()
                && failed.stream().allMatch(o -> "bad_data".equals(o.errorType()))) {
            // every Prometheus refused the query itself: the caller's mistake, not an outage
            throw new FederationException(
                    Reason.BAD_QUERY, "query", failed.get(0).error());
        }
        if (request.abortOnPartial() && !failed.isEmpty()) {
            List<String> names = failed.stream().map(o -> o.cluster().name()).toList();
            throw new FederationException(
                    Reason.PARTIAL_ABORTED,
                    null,
                    "partial_response=abort and " + failed.size() + " cluster(s) did not answer: "
                            + failed.stream()
                                    .map(o -> o.cluster().name() + " (" + o.status() + ": " + o.error() + ")")
                                    .collect(Collectors.joining(", ")),
                    names);
        }
        List<String> warnings = new ArrayList<>();
        for (ClusterOutcome<List<QueryData>> o : outcomes) {
            if (!o.succeeded()) {
                warnings.add("cluster " + o.cluster().name() + ": " + o.status() + ": " + o.error());
            }
            o.warnings().forEach(w -> warnings.add("cluster " + o.cluster().name() + ": " + w));
        }
        List<ResultMerger.ClusterData> data = outcomes.stream()
                .filter(ClusterOutcome::succeeded)
                .map(o -> new ResultMerger.ClusterData(o.cluster().name(), o.value()))
                .toList();
        QueryData merged = ResultMerger.merge(plan, data, request.range());
        return new FederatedAnswer(
                merged, plan.merged(), outcomes, warnings, (System.nanoTime() - started) / 1_000_000, false);
    }

    static Expr parse(String query) {
        if (query == null || query.isBlank()) {
            throw new FederationException(Reason.BAD_QUERY, "query", "query must not be empty");
        }
        try {
            return PromQlParser.parse(query);
        } catch (PromQlSyntaxException e) {
            throw new FederationException(Reason.BAD_QUERY, "query", e.getMessage());
        }
    }

    private void checkResolution(FederatedRequest request) {
        if (request.step().isZero() || request.step().isNegative()) {
            throw new FederationException(
                    Reason.BAD_QUERY,
                    "step",
                    "zero or negative query resolution step widths are not accepted." + " Try a positive integer");
        }
        if (request.end().isBefore(request.start())) {
            throw new FederationException(Reason.BAD_QUERY, "end_time", "end timestamp must not be before start time");
        }
        long points = Duration.between(request.start(), request.end()).toMillis()
                        / request.step().toMillis()
                + 1;
        if (points > settings.maxPoints()) {
            throw new FederationException(
                    Reason.BAD_QUERY,
                    "step",
                    "exceeded maximum resolution of " + String.format("%,d", settings.maxPoints())
                            + " points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
    }

    /** The clusters asked, or 400 naming the ids the registry does not know. */
    List<ClusterConnection> clusters(List<UUID> ids) {
        if (ids.isEmpty()) {
            return directory.withPrometheus();
        }
        ClusterDirectory.Resolution resolution = directory.resolve(ids);
        if (!resolution.unknown().isEmpty()) {
            throw new FederationException(
                    Reason.BAD_QUERY,
                    "cluster_ids",
                    "unknown cluster id(s): "
                            + resolution.unknown().stream().map(UUID::toString).collect(Collectors.joining(", ")));
        }
        List<String> withoutPrometheus = resolution.clusters().stream()
                .filter(c -> !c.hasPrometheus())
                .map(ClusterConnection::name)
                .toList();
        if (!withoutPrometheus.isEmpty()) {
            throw new FederationException(
                    Reason.BAD_QUERY,
                    "cluster_ids",
                    "cluster(s) without a prometheus_url: " + String.join(", ", withoutPrometheus));
        }
        return resolution.clusters();
    }

    private static Map<String, List<String>> timeParameters(FederatedRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (request.range()) {
            form.put("start", List.of(seconds(request.start())));
            form.put("end", List.of(seconds(request.end())));
            form.put(
                    "step",
                    List.of(BigDecimal.valueOf(request.step().toMillis(), 3).toPlainString()));
        } else {
            // every cluster evaluates at the same instant, or merged samples would not line up
            form.put("time", List.of(seconds(Optional.ofNullable(request.time()).orElseGet(Instant::now))));
        }
        return form;
    }

    static String seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString();
    }
}
