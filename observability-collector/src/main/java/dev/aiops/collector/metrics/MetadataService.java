package dev.aiops.collector.metrics;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.metrics.FederationException.Reason;
import dev.aiops.collector.metrics.promql.Expr.VectorSelector;
import dev.aiops.collector.metrics.promql.PromQlParser;
import dev.aiops.collector.metrics.promql.PromQlSyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Series, label names, label values and metric metadata across the fleet: the same fan-out as queries,
 * with {@code match[]} selectors routed on {@code cluster} and the answers unioned.
 */
@Service
class MetadataService {

    private final FederatedQueryService queries;
    private final PrometheusClient prometheus;
    private final FanOut fanOut;

    MetadataService(FederatedQueryService queries, PrometheusClient prometheus, FanOut fanOut) {
        this.queries = queries;
        this.prometheus = prometheus;
        this.fanOut = fanOut;
    }

    /** What a metadata call returns: Prometheus' {@code data} plus each cluster's outcome. */
    record MetadataAnswer(Object data, List<ClusterOutcome<JsonNode>> outcomes, List<String> warnings) {}

    record Scope(List<UUID> clusterIds, List<String> matchers, Instant start, Instant end, Duration timeout) {}

    MetadataAnswer series(Scope scope) {
        if (scope.matchers().isEmpty()) {
            throw new FederationException(Reason.BAD_QUERY, "match[]", "no match[] parameter provided");
        }
        return fan(scope, "series", Map.of(), (cluster, data, out) -> {
            for (JsonNode s : data) {
                Map<String, String> labels = new LinkedHashMap<>();
                s.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
                out.add(ResultMerger.withCluster(labels, cluster.name()));
            }
        });
    }

    MetadataAnswer labels(Scope scope) {
        MetadataAnswer answer = fan(scope, "labels", Map.of(), (cluster, data, out) -> {
            data.forEach(v -> out.add(v.asString()));
            out.add(LabelRouting.CLUSTER_LABEL);
        });
        return sorted(answer);
    }

    MetadataAnswer labelValues(String name, Scope scope) {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new FederationException(Reason.BAD_QUERY, "name", "invalid label name: \"" + name + "\"");
        }
        if (name.equals(LabelRouting.CLUSTER_LABEL)) {
            // our own label: the clusters that have series matching the selectors
            return sorted(fan(scope, "labels", Map.of(), (cluster, data, out) -> out.add(cluster.name())));
        }
        return sorted(fan(
                scope,
                "label/" + name + "/values",
                Map.of(),
                (cluster, data, out) -> data.forEach(v -> out.add(v.asString()))));
    }

    MetadataAnswer metadata(String metric, Integer limit, Scope scope) {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        if (metric != null && !metric.isBlank()) {
            extra.put("metric", List.of(metric));
        }
        MetadataAnswer raw = fan(scope, "metadata", extra, (cluster, data, out) -> out.add(data));
        Map<String, Set<Map<String, String>>> merged = new TreeMap<>();
        for (Object node : (List<?>) raw.data()) {
            ((JsonNode) node).properties().forEach(e -> {
                Set<Map<String, String>> entries = merged.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
                for (JsonNode m : e.getValue()) {
                    Map<String, String> entry = new LinkedHashMap<>();
                    m.properties()
                            .forEach(p -> entry.put(p.getKey(), p.getValue().asString()));
                    entries.add(entry);
                }
            });
        }
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        merged.forEach((k, v) -> {
            if (limit == null || limit <= 0 || out.size() < limit) {
                out.put(k, new ArrayList<>(v));
            }
        });
        return new MetadataAnswer(out, raw.outcomes(), raw.warnings());
    }

    @FunctionalInterface
    private interface Collect {
        void add(ClusterConnection cluster, JsonNode data, List<Object> out);
    }

    private MetadataAnswer fan(Scope scope, String endpoint, Map<String, List<String>> extra, Collect collect) {
        List<VectorSelector> selectors = new ArrayList<>();
        for (String m : scope.matchers()) {
            try {
                selectors.add(PromQlParser.parseSelector(m));
            } catch (PromQlSyntaxException e) {
                throw new FederationException(Reason.BAD_QUERY, "match[]", e.getMessage());
            }
        }
        Map<ClusterConnection, List<String>> routed = new LinkedHashMap<>();
        for (ClusterConnection cluster : queries.clusters(scope.clusterIds())) {
            List<String> own = selectors.stream()
                    .filter(s -> LabelRouting.accepts(s, cluster.name()))
                    .map(s -> LabelRouting.route(s, cluster.name()).toString())
                    .toList();
            if (selectors.isEmpty() || !own.isEmpty()) {
                routed.put(cluster, own);
            }
        }
        List<ClusterOutcome<JsonNode>> outcomes =
                fanOut.run(new ArrayList<>(routed.keySet()), fanOut.clusterTimeout(scope.timeout()), (c, t) -> {
                    Map<String, List<String>> form = new LinkedHashMap<>(extra);
                    if (!routed.get(c).isEmpty()) {
                        form.put("match[]", routed.get(c));
                    }
                    if (scope.start() != null) {
                        form.put("start", List.of(FederatedQueryService.seconds(scope.start())));
                    }
                    if (scope.end() != null) {
                        form.put("end", List.of(FederatedQueryService.seconds(scope.end())));
                    }
                    PrometheusClient.Answer answer;
                    if (endpoint.equals("metadata") || endpoint.startsWith("label/")) {
                        answer = prometheus.get(c, endpoint, form, t);
                    } else {
                        answer = prometheus.call(c, endpoint, form, t);
                    }
                    return new FanOut.Result<>(answer.data(), answer.warnings());
                });
        List<Object> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ClusterOutcome<JsonNode> o : outcomes) {
            if (o.succeeded()) {
                collect.add(o.cluster(), o.value(), out);
            } else {
                warnings.add("cluster " + o.cluster().name() + ": " + o.status() + ": " + o.error());
            }
        }
        return new MetadataAnswer(out, outcomes, warnings);
    }

    private static MetadataAnswer sorted(MetadataAnswer answer) {
        TreeSet<String> values = new TreeSet<>();
        ((List<?>) answer.data()).forEach(v -> values.add((String) v));
        return new MetadataAnswer(new ArrayList<>(values), answer.outcomes(), answer.warnings());
    }
}
