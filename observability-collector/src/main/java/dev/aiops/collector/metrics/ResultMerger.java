package dev.aiops.collector.metrics;

import dev.aiops.collector.metrics.FederationPlan.Kind;
import dev.aiops.collector.metrics.promql.Expr.Aggregate;
import dev.aiops.model.observability.MetricSample;
import dev.aiops.model.observability.MetricSeries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Puts per-cluster answers together as {@link FederationPlan} says. */
final class ResultMerger {

    private ResultMerger() {}

    /** One cluster's answers to its subqueries, in the plan's order. */
    record ClusterData(String clusterName, List<QueryData> answers) {}

    /** Adds the {@code cluster} label, keeping a source label of that name as {@code exported_cluster}. */
    static Map<String, String> withCluster(Map<String, String> labels, String clusterName) {
        Map<String, String> out = new LinkedHashMap<>(exportCluster(labels));
        out.put(LabelRouting.CLUSTER_LABEL, clusterName);
        return out;
    }

    private static Map<String, String> exportCluster(Map<String, String> labels) {
        if (!labels.containsKey(LabelRouting.CLUSTER_LABEL)) {
            return labels;
        }
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put(LabelRouting.EXPORTED_CLUSTER_LABEL, out.remove(LabelRouting.CLUSTER_LABEL));
        return out;
    }

    static QueryData merge(FederationPlan plan, List<ClusterData> clusters, boolean range) {
        if (!plan.merged()) {
            return sideBySide(clusters, range);
        }
        return switch (plan.kind()) {
            case TOPK, BOTTOMK -> topk(plan, clusters, range);
            default -> combine(plan, clusters, range);
        };
    }

    private static QueryData sideBySide(List<ClusterData> clusters, boolean range) {
        List<MetricSeries> all = new ArrayList<>();
        String type = range ? "matrix" : "vector";
        for (ClusterData c : clusters) {
            QueryData d = c.answers().get(0);
            if (d.scalar() != null) {
                // scalars and strings carry no labels to tell clusters apart; the query read no series
                return d;
            }
            type = d.resultType();
            for (MetricSeries s : d.series()) {
                all.add(new MetricSeries(withCluster(s.metric(), c.clusterName()), s.values(), s.value()));
            }
        }
        return new QueryData(type, all, null);
    }

    /** Accumulated partials of one output series at one timestamp: per subquery, the combined value. */
    private static final class Acc {
        final double[] v;
        final boolean[] seen;

        Acc(int n) {
            v = new double[n];
            seen = new boolean[n];
        }
    }

    private static QueryData combine(FederationPlan plan, List<ClusterData> clusters, boolean range) {
        Kind kind = plan.kind();
        int parts = clusters.isEmpty() ? 1 : clusters.get(0).answers().size();
        Map<Map<String, String>, TreeMap<BigDecimal, Acc>> groups = new LinkedHashMap<>();
        for (ClusterData c : clusters) {
            for (int part = 0; part < c.answers().size(); part++) {
                for (MetricSeries s : c.answers().get(part).series()) {
                    Map<String, String> key = exportCluster(s.metric());
                    if (plan.clusterInKey()) {
                        key = new LinkedHashMap<>(key);
                        key.put(LabelRouting.CLUSTER_LABEL, c.clusterName());
                    }
                    TreeMap<BigDecimal, Acc> series = groups.computeIfAbsent(key, k -> new TreeMap<>());
                    for (MetricSample sample : samples(s)) {
                        Acc acc = series.computeIfAbsent(sample.timestamp(), t -> new Acc(parts));
                        add(kind, acc, part, sample.numericValue());
                    }
                }
            }
        }
        List<MetricSeries> out = new ArrayList<>();
        groups.forEach((labels, points) -> {
            List<MetricSample> values = new ArrayList<>();
            points.forEach((t, acc) -> {
                Double value = finish(kind, acc);
                if (value != null) {
                    values.add(new MetricSample(t, QueryData.format(value)));
                }
            });
            if (!values.isEmpty()) {
                out.add(range ? new MetricSeries(labels, values, null) : new MetricSeries(labels, null, values.get(0)));
            }
        });
        return range ? QueryData.matrix(out) : QueryData.vector(out);
    }

    private static void add(Kind kind, Acc acc, int part, double value) {
        if (!acc.seen[part]) {
            acc.v[part] = value;
            acc.seen[part] = true;
            return;
        }
        acc.v[part] = switch (kind) {
            // like Prometheus, min and max skip NaN unless every value is NaN
            case MIN ->
                Double.isNaN(acc.v[part]) ? value : Double.isNaN(value) ? acc.v[part] : Math.min(acc.v[part], value);
            case MAX ->
                Double.isNaN(acc.v[part]) ? value : Double.isNaN(value) ? acc.v[part] : Math.max(acc.v[part], value);
            case GROUP -> 1;
            // sum, count, count_values and the sum/count/sum-of-squares parts of avg and stddev add up
            default -> acc.v[part] + value;
        };
    }

    private static Double finish(Kind kind, Acc acc) {
        return switch (kind) {
            case AVG -> acc.seen[0] && acc.seen[1] ? acc.v[0] / acc.v[1] : null;
            case STDVAR, STDDEV -> {
                if (!(acc.seen[0] && acc.seen[1] && acc.seen[2])) {
                    yield null;
                }
                double n = acc.v[1];
                double mean = acc.v[0] / n;
                double variance = Math.max(0, acc.v[2] / n - mean * mean);
                yield kind == Kind.STDDEV ? Math.sqrt(variance) : variance;
            }
            default -> acc.seen[0] ? acc.v[0] : null;
        };
    }

    private static QueryData topk(FederationPlan plan, List<ClusterData> clusters, boolean range) {
        boolean top = plan.kind() == Kind.TOPK;
        int k = plan.k();
        Aggregate a = plan.aggregate();
        // group -> timestamp -> candidates (identity labels, value)
        Map<Map<String, String>, Map<BigDecimal, List<Map.Entry<Map<String, String>, Double>>>> groups =
                new HashMap<>();
        for (ClusterData c : clusters) {
            for (MetricSeries s : c.answers().get(0).series()) {
                Map<String, String> identity = withCluster(s.metric(), c.clusterName());
                Map<String, String> group = groupKey(identity, a);
                for (MetricSample sample : samples(s)) {
                    groups.computeIfAbsent(group, g -> new HashMap<>())
                            .computeIfAbsent(sample.timestamp(), t -> new ArrayList<>())
                            .add(Map.entry(identity, sample.numericValue()));
                }
            }
        }
        Comparator<Map.Entry<Map<String, String>, Double>> order =
                Comparator.comparing(Map.Entry::getValue, ResultMerger::compareNanLast);
        if (top) {
            order = Comparator.comparing(Map.Entry::getValue, (x, y) -> compareNanLast(y, x));
        }
        Map<Map<String, String>, TreeMap<BigDecimal, Double>> chosen = new LinkedHashMap<>();
        List<Map.Entry<Map<String, String>, Double>> instantOrder = new ArrayList<>();
        for (var byTime : groups.values()) {
            for (var entry : byTime.entrySet()) {
                List<Map.Entry<Map<String, String>, Double>> candidates = new ArrayList<>(entry.getValue());
                candidates.sort(order);
                for (var pick : candidates.subList(0, Math.min(k, candidates.size()))) {
                    chosen.computeIfAbsent(pick.getKey(), l -> new TreeMap<>()).put(entry.getKey(), pick.getValue());
                    instantOrder.add(pick);
                }
            }
        }
        List<MetricSeries> out = new ArrayList<>();
        if (range) {
            chosen.forEach((labels, points) -> {
                List<MetricSample> values = new ArrayList<>();
                points.forEach((t, v) -> values.add(new MetricSample(t, QueryData.format(v))));
                out.add(new MetricSeries(labels, values, null));
            });
            return QueryData.matrix(out);
        }
        instantOrder.sort(order);
        for (var pick : instantOrder) {
            TreeMap<BigDecimal, Double> points = chosen.get(pick.getKey());
            var point = points.firstEntry();
            out.add(new MetricSeries(
                    pick.getKey(), null, new MetricSample(point.getKey(), QueryData.format(point.getValue()))));
        }
        return QueryData.vector(out);
    }

    // topk/bottomk never pick NaN over a number
    private static int compareNanLast(Double x, Double y) {
        if (x.isNaN()) {
            return y.isNaN() ? 0 : 1;
        }
        if (y.isNaN()) {
            return -1;
        }
        return Double.compare(x, y);
    }

    private static Map<String, String> groupKey(Map<String, String> identity, Aggregate a) {
        Map<String, String> key = new TreeMap<>();
        if (a.grouping() == null) {
            return key;
        }
        if (a.without()) {
            identity.forEach((l, v) -> {
                if (!a.grouping().contains(l) && !l.equals("__name__")) {
                    key.put(l, v);
                }
            });
        } else {
            for (String l : a.grouping()) {
                if (identity.containsKey(l)) {
                    key.put(l, identity.get(l));
                }
            }
        }
        return key;
    }

    private static List<MetricSample> samples(MetricSeries s) {
        return s.value() != null ? List.of(s.value()) : s.values();
    }
}
