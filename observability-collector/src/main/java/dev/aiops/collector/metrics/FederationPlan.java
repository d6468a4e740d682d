package dev.aiops.collector.metrics;

import dev.aiops.collector.metrics.promql.Expr;
import dev.aiops.collector.metrics.promql.Expr.Aggregate;
import dev.aiops.collector.metrics.promql.Expr.Binary;
import dev.aiops.collector.metrics.promql.Expr.NumberLiteral;
import dev.aiops.collector.metrics.promql.Expr.Paren;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a query is answered across the fleet. Without an aggregation it is sent as it is to every cluster and
 * the answers are put side by side, each series with a {@code cluster} label. A top-level aggregation is
 * computed from per-cluster partial aggregates that combine exactly:
 *
 * <ul>
 *   <li>{@code sum}, {@code count}, {@code min}, {@code max}, {@code group}: the same aggregation per
 *       cluster, then sum of sums, sum of counts, min of mins, max of maxes;
 *   <li>{@code avg}: sum and count per cluster, then sum of sums / sum of counts (never an average of
 *       averages);
 *   <li>{@code stddev}, {@code stdvar}: sum, count and sum of squares per cluster, then the population
 *       variance from the totals;
 *   <li>{@code topk}, {@code bottomk}: k per cluster, then k of the union;
 *   <li>{@code count_values}: per cluster, then summed per value.
 * </ul>
 *
 * {@code by}/{@code without} keep their meaning with {@code cluster} treated as a label of every series.
 * {@code quantile} across clusters, an aggregation nested in another expression (inside a function, a
 * binary operation or another aggregation) and a non-literal {@code k} are refused (422): per-cluster
 * answers cannot be combined into the exact result.
 */
record FederationPlan(Kind kind, Aggregate aggregate, boolean clusterInKey) {

    enum Kind {
        PASSTHROUGH,
        SUM,
        COUNT,
        MIN,
        MAX,
        GROUP,
        AVG,
        STDDEV,
        STDVAR,
        TOPK,
        BOTTOMK,
        COUNT_VALUES
    }

    private static final Set<String> NOT_FEDERABLE = Set.of("quantile");

    static FederationPlan of(Expr query) {
        Expr top = query.unwrap();
        if (!(top instanceof Aggregate aggregate)) {
            if (containsAggregate(query)) {
                throw new QueryNotFederableException(
                        "an aggregation inside a function, a binary operation or a subquery cannot be computed"
                                + " exactly from per-cluster results; put the aggregation at the top level of the"
                                + " query or select one cluster with cluster=\"name\"");
            }
            return new FederationPlan(Kind.PASSTHROUGH, null, false);
        }
        if (containsAggregate(aggregate.expr())
                || (aggregate.param() != null && containsAggregate(aggregate.param()))) {
            throw new QueryNotFederableException("nested aggregations cannot be computed exactly from per-cluster"
                    + " results; select one cluster with cluster=\"name\" or aggregate once");
        }
        if (NOT_FEDERABLE.contains(aggregate.op())) {
            throw new QueryNotFederableException(aggregate.op() + " across clusters cannot be computed from"
                    + " per-cluster quantiles; query each cluster with cluster=\"name\" or use"
                    + " histogram_quantile over summed buckets");
        }
        if ((aggregate.op().equals("topk") || aggregate.op().equals("bottomk"))
                && !(unwrapLiteral(aggregate.param()) instanceof NumberLiteral)) {
            throw new QueryNotFederableException(aggregate.op() + " needs a number literal for k across clusters");
        }
        Kind kind = Kind.valueOf(aggregate.op().toUpperCase(java.util.Locale.ROOT));
        List<String> grouping = aggregate.grouping();
        boolean clusterInKey =
                grouping != null && (aggregate.without() != grouping.contains(LabelRouting.CLUSTER_LABEL));
        return new FederationPlan(kind, aggregate, clusterInKey);
    }

    boolean merged() {
        return kind != Kind.PASSTHROUGH;
    }

    /** The queries each cluster answers, built from the query as routed for that cluster. */
    List<Expr> subqueries(Expr routed) {
        if (!merged()) {
            return List.of(routed);
        }
        Aggregate a = (Aggregate) routed.unwrap();
        List<String> grouping = a.grouping() == null
                ? null
                : a.grouping().stream()
                        .filter(l -> !l.equals(LabelRouting.CLUSTER_LABEL))
                        .toList();
        Expr inner = a.expr();
        return switch (kind) {
            case AVG -> List.of(a.withOp("sum", null, inner, grouping), a.withOp("count", null, inner, grouping));
            case STDDEV, STDVAR ->
                List.of(
                        a.withOp("sum", null, inner, grouping),
                        a.withOp("count", null, inner, grouping),
                        a.withOp(
                                "sum",
                                null,
                                new Binary("^", new Paren(inner), new NumberLiteral("2"), false, null),
                                grouping));
            default -> List.of(a.withOp(a.op(), a.param(), inner, grouping));
        };
    }

    /** k of topk/bottomk. */
    int k() {
        NumberLiteral literal = (NumberLiteral) unwrapLiteral(aggregate.param());
        return (int) Double.parseDouble(literal.text());
    }

    /** The label count_values writes the value to. */
    String countValuesLabel() {
        return ((Expr.StringLiteral) aggregate.param().unwrap()).value();
    }

    private static Expr unwrapLiteral(Expr e) {
        return e == null ? null : e.unwrap();
    }

    static boolean containsAggregate(Expr expr) {
        return expr.nodes().stream().anyMatch(n -> n instanceof Aggregate);
    }

    static List<String> groupingOrEmpty(Aggregate a) {
        return a.grouping() == null ? List.of() : new ArrayList<>(a.grouping());
    }
}
