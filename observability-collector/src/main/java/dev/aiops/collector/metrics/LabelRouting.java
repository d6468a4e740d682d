package dev.aiops.collector.metrics;

import dev.aiops.collector.metrics.promql.Expr;
import dev.aiops.collector.metrics.promql.Expr.Aggregate;
import dev.aiops.collector.metrics.promql.Expr.Binary;
import dev.aiops.collector.metrics.promql.Expr.Call;
import dev.aiops.collector.metrics.promql.Expr.LabelMatcher;
import dev.aiops.collector.metrics.promql.Expr.MatrixSelector;
import dev.aiops.collector.metrics.promql.Expr.VectorSelector;
import java.util.List;
import java.util.Optional;

/**
 * Promxy-style routing on the {@code cluster} label, which every federated series carries as if it were an
 * external label. For one cluster, a selector whose {@code cluster} matchers accept the cluster's name is
 * sent without them (the cluster's own series do not carry the label); a selector they reject selects
 * nothing there. When the whole query then selects nothing, the cluster is not asked at all.
 */
final class LabelRouting {

    static final String CLUSTER_LABEL = "cluster";
    static final String EXPORTED_CLUSTER_LABEL = "exported_cluster";
    // a reserved label name no series carries: a selector that must match nothing on this cluster
    private static final LabelMatcher NOTHING = new LabelMatcher("__aiops_excluded__", "=", "true");

    private LabelRouting() {}

    /** The query to send to the cluster named {@code clusterName}, or empty when it cannot contribute. */
    static Optional<Expr> forCluster(Expr query, String clusterName) {
        Expr routed = rewrite(query, clusterName);
        return selectsNothing(routed) ? Optional.empty() : Optional.of(routed);
    }

    /** True when the selector's {@code cluster} matchers accept the cluster name. */
    static boolean accepts(VectorSelector selector, String clusterName) {
        return selector.matchers().stream()
                .filter(m -> m.name().equals(CLUSTER_LABEL))
                .allMatch(m -> m.matches(clusterName));
    }

    /** The selector as a cluster must see it: without {@code cluster} matchers, or matching nothing. */
    static VectorSelector route(VectorSelector selector, String clusterName) {
        if (selector.matchers().stream().noneMatch(m -> m.name().equals(CLUSTER_LABEL))) {
            return selector;
        }
        if (!accepts(selector, clusterName)) {
            return selector.withMatchers(List.of(NOTHING));
        }
        List<LabelMatcher> rest = selector.matchers().stream()
                .filter(m -> !m.name().equals(CLUSTER_LABEL))
                .toList();
        if (selector.name() == null && rest.stream().allMatch(m -> m.matches(""))) {
            // {cluster="x"} alone selects every series of the cluster
            rest = new java.util.ArrayList<>(rest);
            rest.add(new LabelMatcher("__name__", "=~", ".+"));
        }
        return selector.withMatchers(rest);
    }

    private static Expr rewrite(Expr expr, String clusterName) {
        if (expr instanceof VectorSelector vs) {
            return route(vs, clusterName);
        }
        return expr.mapChildren(child -> rewrite(child, clusterName));
    }

    /** Whether the expression is certain to select no series on this cluster (so it need not be asked). */
    static boolean selectsNothing(Expr expr) {
        if (expr instanceof VectorSelector vs) {
            return vs.matchers().contains(NOTHING);
        }
        if (expr instanceof MatrixSelector ms) {
            return selectsNothing(ms.selector());
        }
        if (expr instanceof Aggregate a) {
            return selectsNothing(a.expr());
        }
        if (expr instanceof Binary b) {
            boolean l = selectsNothing(b.lhs());
            boolean r = selectsNothing(b.rhs());
            return switch (b.op()) {
                case "or" -> l && r;
                case "unless" -> l;
                default -> l || r;
            };
        }
        if (expr instanceof Call c) {
            // absent() of nothing is something; other functions of nothing are nothing
            if (c.function().startsWith("absent")) {
                return false;
            }
            return c.args().stream().anyMatch(LabelRouting::selectsNothing);
        }
        if (expr instanceof Expr.Paren p) {
            return selectsNothing(p.expr());
        }
        if (expr instanceof Expr.Unary u) {
            return selectsNothing(u.expr());
        }
        if (expr instanceof Expr.Subquery s) {
            return selectsNothing(s.expr());
        }
        return false;
    }

    /** Whether the query reads any series at all ({@code 1 + 1} or {@code time()} do not). */
    static boolean readsSeries(Expr expr) {
        return expr.nodes().stream().anyMatch(n -> n instanceof VectorSelector);
    }
}
