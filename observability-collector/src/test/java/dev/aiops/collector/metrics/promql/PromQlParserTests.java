package dev.aiops.collector.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.collector.metrics.promql.Expr.Aggregate;
import dev.aiops.collector.metrics.promql.Expr.Binary;
import dev.aiops.collector.metrics.promql.Expr.Call;
import dev.aiops.collector.metrics.promql.Expr.MatrixSelector;
import dev.aiops.collector.metrics.promql.Expr.NumberLiteral;
import dev.aiops.collector.metrics.promql.Expr.Subquery;
import dev.aiops.collector.metrics.promql.Expr.VectorSelector;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromQlParserTests {

    @Nested
    class Structure {

        @Test
        void shouldParseAnAggregationWithGroupingAfterTheArguments() {
            Expr expr = PromQlParser.parse("sum(rate(http_requests_total{job=~\"api|web\"}[5m])) by (code)");

            assertThat(expr).isInstanceOf(Aggregate.class);
            Aggregate sum = (Aggregate) expr;
            assertThat(sum.op()).isEqualTo("sum");
            assertThat(sum.grouping()).containsExactly("code");
            assertThat(sum.without()).isFalse();
            Call rate = (Call) sum.expr();
            MatrixSelector range = (MatrixSelector) rate.args().get(0);
            assertThat(range.range()).isEqualTo("5m");
            assertThat(range.selector().name()).isEqualTo("http_requests_total");
            assertThat(range.selector().matchers())
                    .singleElement()
                    .satisfies(m -> assertThat(m.toString()).isEqualTo("job=~\"api|web\""));
        }

        @Test
        void shouldBindMultiplicationTighterThanAdditionAndPowerToTheRight() {
            Binary plus = (Binary) PromQlParser.parse("a + b * c");
            assertThat(plus.op()).isEqualTo("+");
            assertThat(((Binary) plus.rhs()).op()).isEqualTo("*");

            Binary power = (Binary) PromQlParser.parse("2 ^ 3 ^ 2");
            assertThat(((NumberLiteral) power.lhs()).text()).isEqualTo("2");
            assertThat(((Binary) power.rhs()).op()).isEqualTo("^");

            Binary minus = (Binary) PromQlParser.parse("a - b - c");
            assertThat(((Binary) minus.lhs()).op()).isEqualTo("-");
        }

        @Test
        void shouldReadVectorMatchingAndBoolModifiers() {
            Binary div = (Binary) PromQlParser.parse("a / on(job, instance) group_left(version) b");
            assertThat(div.matching().on()).isTrue();
            assertThat(div.matching().labels()).containsExactly("job", "instance");
            assertThat(div.matching().group()).isEqualTo("group_left");
            assertThat(div.matching().include()).containsExactly("version");

            Binary cmp = (Binary) PromQlParser.parse("up == bool 1");
            assertThat(cmp.bool()).isTrue();
        }

        @Test
        void shouldReadSubqueriesOffsetsAndAtModifiers() {
            Subquery sq = (Subquery) PromQlParser.parse("rate(x[1m])[10m:30s] offset 5m");
            assertThat(sq.range()).isEqualTo("10m");
            assertThat(sq.step()).isEqualTo("30s");
            assertThat(sq.offset()).isEqualTo("5m");

            VectorSelector at = (VectorSelector) PromQlParser.parse("up offset 1h @ 1609746000");
            assertThat(at.offset()).isEqualTo("1h");
            assertThat(at.at()).isEqualTo("1609746000");
        }

        @Test
        void shouldNotMistakeAMetricNamedLikeAnAggregationForOne() {
            Expr expr = PromQlParser.parse("sum_over_time(count[5m])");
            MatrixSelector m = (MatrixSelector) ((Call) expr).args().get(0);
            assertThat(m.selector().name()).isEqualTo("count");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "sum by (job) (rate(http_requests_total{code!=\"200\"}[5m]))",
                    "topk(3, sum without (instance) (node_load1))",
                    "histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
                    "a / on(job) group_left(version) b > bool 0.5",
                    "-x ^ 2 + 1e3 - 0x1f",
                    "count_values(\"version\", build_info)",
                    "label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
                    "{__name__=~\"node_.+\", job='node'} offset 5m",
                    "rate(x[5m] @ end())",
                    "max_over_time(deriv(rate(x[1m])[5m:])[10m:1m])",
                    "absent(nonexistent{job=`my\\job`})",
                    "vector(1) and on() (vector(time()) > bool 0) or vector(2)",
                })
        void shouldPrintAQueryThatParsesToTheSameTree(String query) {
            Expr expr = PromQlParser.parse(query);

            assertThat(withoutParens(PromQlParser.parse(expr.toString()))).isEqualTo(withoutParens(expr));
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "sum(",
                    "up{job=\"x\"",
                    "rate(up[5x])",
                    "up[5m][5m]",
                    "{job=~\".*\"}",
                    "foo(bar)",
                    "sum(up) by",
                    "1 == 1",
                    "up and 1",
                    "\"unterminated",
                    "rate(up{job=~\"(\"}[5m])",
                    "topk(up)",
                    "up +",
                    "quantile(0.5)",
                })
        void shouldRejectInvalidPromQlWithAPosition(String query) {
            assertThatThrownBy(() -> PromQlParser.parse(query))
                    .isInstanceOf(PromQlSyntaxException.class)
                    .hasMessageContaining("parse error");
        }

        @Test
        void shouldSayWhereTheErrorIs() {
            assertThatThrownBy(() -> PromQlParser.parse("sum(up) + )"))
                    .hasMessageStartingWith("1:11: parse error: unexpected");
        }
    }

    // the printer adds parentheses for safety; they change the text, not the tree
    static Expr withoutParens(Expr expr) {
        return expr.unwrap().mapChildren(PromQlParserTests::withoutParens);
    }

    @Test
    void shouldEvaluateClusterMatchersLikePrometheus() {
        VectorSelector s = PromQlParser.parseSelector("up{cluster=~\"edge-.*|core\", cluster!=\"edge-2\"}");
        List<Expr.LabelMatcher> m = s.matchers();
        assertThat(m.get(0).matches("edge-1")).isTrue();
        assertThat(m.get(0).matches("xedge-1")).isFalse();
        assertThat(m.get(0).matches("core")).isTrue();
        assertThat(m.get(1).matches("edge-2")).isFalse();
    }
}
