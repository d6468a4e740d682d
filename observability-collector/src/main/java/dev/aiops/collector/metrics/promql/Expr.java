package dev.aiops.collector.metrics.promql;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A parsed PromQL expression. {@link #toString()} prints it back as PromQL that Prometheus parses to the
 * same tree, which is how rewritten queries (label routing, partial aggregates) are sent to each cluster.
 */
public sealed interface Expr
        permits Expr.NumberLiteral,
                Expr.StringLiteral,
                Expr.VectorSelector,
                Expr.MatrixSelector,
                Expr.Subquery,
                Expr.Call,
                Expr.Aggregate,
                Expr.Binary,
                Expr.Unary,
                Expr.Paren {

    /** This node with every child replaced by {@code f(child)} (not applied to this node itself). */
    Expr mapChildren(Function<Expr, Expr> f);

    /** Every node of the tree, this one first. */
    default List<Expr> nodes() {
        java.util.ArrayList<Expr> all = new java.util.ArrayList<>();
        collect(this, all);
        return all;
    }

    private static void collect(Expr expr, List<Expr> into) {
        into.add(expr);
        expr.mapChildren(child -> {
            collect(child, into);
            return child;
        });
    }

    /** The expression without enclosing parentheses. */
    default Expr unwrap() {
        Expr e = this;
        while (e instanceof Paren p) {
            e = p.expr();
        }
        return e;
    }

    record NumberLiteral(String text) implements Expr {
        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return this;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record StringLiteral(String value) implements Expr {
        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return this;
        }

        @Override
        public String toString() {
            return quote(value);
        }
    }

    /** {@code name{matchers} offset 5m @ 1700000000}; {@code offset} and {@code at} hold their source text. */
    record VectorSelector(String name, List<LabelMatcher> matchers, String offset, String at) implements Expr {
        public VectorSelector {
            matchers = List.copyOf(matchers);
        }

        VectorSelector withModifiers(String newOffset, String newAt) {
            return new VectorSelector(name, matchers, newOffset, newAt);
        }

        public VectorSelector withMatchers(List<LabelMatcher> newMatchers) {
            return new VectorSelector(name, newMatchers, offset, at);
        }

        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return this;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(name == null ? "" : name);
            if (!matchers.isEmpty() || name == null) {
                s.append(matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "}")));
            }
            return s + modifiers(offset, at);
        }
    }

    record MatrixSelector(VectorSelector selector, String range) implements Expr {
        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return new MatrixSelector((VectorSelector) f.apply(selector), range);
        }

        @Override
        public String toString() {
            VectorSelector bare = selector.withModifiers(null, null);
            return bare + "[" + range + "]" + modifiers(selector.offset(), selector.at());
        }
    }

    record Subquery(Expr expr, String range, String step, String offset, String at) implements Expr {
        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return new Subquery(f.apply(expr), range, step, offset, at);
        }

        @Override
        public String toString() {
            return expr + "[" + range + ":" + (step == null ? "" : step) + "]" + modifiers(offset, at);
        }
    }

    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return new Call(function, args.stream().map(f).toList());
        }

        @Override
        public String toString() {
            return function + args.stream().map(Expr::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /**
     * {@code op by|without (grouping) ([param,] expr)}; {@code grouping} is null when the query has no
     * {@code by}/{@code without} clause.
     */
    record Aggregate(String op, Expr param, Expr expr, List<String> grouping, boolean without) implements Expr {
        public Aggregate {
            grouping = grouping == null ? null : List.copyOf(grouping);
        }

        public Aggregate withOp(String newOp, Expr newParam, Expr newExpr, List<String> newGrouping) {
            return new Aggregate(newOp, newParam, newExpr, newGrouping, without);
        }

        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return new Aggregate(op, param == null ? null : f.apply(param), f.apply(expr), grouping, without);
        }

        @Override
        public String toString() {
            String clause = grouping == null
                    ? ""
                    : (without ? " without " : " by ") + grouping.stream().collect(Collectors.joining(", ", "(", ")"));
            return op + clause + " (" + (param == null ? "" : param + ", ") + expr + ")";
        }
    }

    /**
     * @param matching {@code on(...)}/{@code ignoring(...)} and group modifiers, or null
     */
    record Binary(String op, Expr lhs, Expr rhs, boolean bool, VectorMatching matching) implements Expr {
        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return new Binary(op, f.apply(lhs), f.apply(rhs), bool, matching);
        }

        @Override
        public String toString() {
            return "(" + lhs + ") " + op + (bool ? " bool" : "") + (matching == null ? "" : " " + matching) + " (" + rhs
                    + ")";
        }
    }

    record Unary(String op, Expr expr) implements Expr {
        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return new Unary(op, f.apply(expr));
        }

        @Override
        public String toString() {
            return op + "(" + expr + ")";
        }
    }

    record Paren(Expr expr) implements Expr {
        @Override
        public Expr mapChildren(Function<Expr, Expr> f) {
            return new Paren(f.apply(expr));
        }

        @Override
        public String toString() {
            return "(" + expr + ")";
        }
    }

    /** {@code on|ignoring (labels) [group_left|group_right (labels)]}. */
    record VectorMatching(boolean on, List<String> labels, String group, List<String> include) {
        @Override
        public String toString() {
            String s = (on ? "on" : "ignoring") + String.join(", ", labels).transform(l -> "(" + l + ")");
            if (group != null) {
                s += " " + group + "(" + String.join(", ", include) + ")";
            }
            return s;
        }
    }

    /** {@code label op "value"} with op one of {@code = != =~ !~}. */
    record LabelMatcher(String name, String op, String value) {

        /** Whether a series whose label has this value (empty when absent) matches, as Prometheus decides. */
        public boolean matches(String labelValue) {
            String v = labelValue == null ? "" : labelValue;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                // Prometheus anchors regular expressions at both ends
                case "=~" ->
                    com.google.re2j.Pattern.compile("^(?:" + value + ")$")
                            .matcher(v)
                            .matches();
                case "!~" ->
                    !com.google.re2j.Pattern.compile("^(?:" + value + ")$")
                            .matcher(v)
                            .matches();
                default -> throw new IllegalStateException("unknown matcher " + op);
            };
        }

        @Override
        public String toString() {
            return name + op + quote(value);
        }
    }

    private static String modifiers(String offset, String at) {
        return (offset == null ? "" : " offset " + offset) + (at == null ? "" : " @ " + at);
    }

    static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
