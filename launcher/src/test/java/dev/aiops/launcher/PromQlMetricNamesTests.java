package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTests {

    @Test
    void shouldFindTheMetricsOfAnAggregatedHistogramQuery() {
        assertThat(
                        PromQlMetricNames.of(
                                "histogram_quantile(0.95, sum by (job, le) (rate(http_server_requests_seconds_bucket{job=~\"$job\",uri!~\"/actuator.*\"}[5m])))"))
                .containsExactly("http_server_requests_seconds_bucket");
    }

    @Test
    void shouldFindBothSidesOfABinaryExpressionAndIgnoreKeywordsAndNumbers() {
        assertThat(PromQlMetricNames.of(
                        "aiops_outbox_pending > 100 and deriv(aiops_outbox_pending[10m]) > 0 or up{job=\"a\"} == 1e3"))
                .containsExactly("aiops_outbox_pending", "up");
    }

    @Test
    void shouldNotMistakeLabelValuesOrGroupingLabelsForMetrics() {
        assertThat(
                        PromQlMetricNames.of(
                                "sum by (stream, group) (aiops_events_stream_pending{group=\"intent_service_total\"}) / on (job) group_left count(up)"))
                .containsExactly("aiops_events_stream_pending", "up");
    }
}
