package dev.aiops.model.observability;

import static dev.aiops.model.JsonSupport.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.aiops.model.Fixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ObservabilityTests {

    @Nested
    class Queries {

        @Test
        void shouldUseDefaultStepAndTimeoutWhenNoneAreGiven() {
            MetricQuery query = MAPPER.readValue("{\"query\":\"up\"}", MetricQuery.class);

            assertThat(query.step()).isEqualTo("1m");
            assertThat(query.timeout()).isEqualTo(30);
            assertThat(query.clusterIds()).isEmpty();
            assertThat(query.rangeQuery()).isFalse();
        }

        @Test
        void shouldBeRangeQueryWhenBothEndsAreSet() {
            assertThat(Fixtures.metricQuery().rangeQuery()).isTrue();
        }
    }

    @Nested
    class Samples {

        @Test
        void shouldUsePrometheusArrayShapeWhenSampleIsWritten() {
            MetricSample sample = MetricSample.of(Instant.parse("2026-01-15T10:00:00.250Z"), "NaN");

            assertThat(MAPPER.writeValueAsString(sample)).isEqualTo("[1768471200.25,\"NaN\"]");
            assertThat(sample.numericValue()).isNaN();
            assertThat(sample.time()).isEqualTo(Instant.parse("2026-01-15T10:00:00.250Z"));
        }

        @Test
        void shouldWriteWholeSecondsPlainWhenSampleHasNoFraction() {
            MetricSample sample = MetricSample.of(Instant.parse("2026-01-15T10:00:00Z"), "+Inf");

            assertThat(MAPPER.writeValueAsString(sample)).isEqualTo("[1768471200,\"+Inf\"]");
            assertThat(sample.numericValue()).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(new MetricSample(sample.timestamp(), "-Inf").numericValue())
                    .isEqualTo(Double.NEGATIVE_INFINITY);
        }

        @Test
        void shouldReadPrometheusVectorWhenResultComesStraightFromPrometheus() {
            String prometheus =
                    "{\"metric\":{\"__name__\":\"up\",\"job\":\"kubelet\"},\"value\":[1768471200.123,\"1\"]}";

            MetricSeries series = MAPPER.readValue(prometheus, MetricSeries.class);

            assertThat(series.metric()).containsEntry("job", "kubelet");
            assertThat(series.value()).isEqualTo(new MetricSample(new BigDecimal("1768471200.123"), "1"));
            assertThat(series.values()).isEmpty();
        }
    }

    @Nested
    class Alerts {

        @ParameterizedTest(name = "\"{0}\" → {1}")
        @CsvSource({
            "critical, CRITICAL",
            "CRITICAL, CRITICAL",
            "warning, WARNING",
            "info, INFO",
            "Info, INFO",
            "none, WARNING",
            "page, WARNING"
        })
        void shouldUpperCaseSeverityWhenLabelIsKnown(String label, AlertSeverity severity) {
            assertThat(AlertSeverity.fromLabel(label)).isEqualTo(severity);
        }

        @ParameterizedTest
        @NullAndEmptySource
        void shouldDefaultToWarningWhenSeverityLabelIsMissing(String label) {
            assertThat(AlertSeverity.fromLabel(label)).isEqualTo(AlertSeverity.WARNING);
        }

        @ParameterizedTest(name = "\"{0}\" → {1}")
        @CsvSource({"firing, FIRING", "resolved, RESOLVED", "Firing, FIRING"})
        void shouldMapWebhookStatusWhenAlertmanagerSendsIt(String status, AlertState state) {
            assertThat(AlertState.fromWebhookStatus(status)).isEqualTo(state);
        }

        @ParameterizedTest
        @ValueSource(strings = {"active", "suppressed", ""})
        void shouldRejectStatusWhenAlertmanagerWouldNeverSendIt(String status) {
            assertThatIllegalArgumentException().isThrownBy(() -> AlertState.fromWebhookStatus(status));
        }

        @Test
        void shouldHideGoZeroTimeWhenAlertIsStillFiring() {
            List<AlertmanagerAlert> alerts = Fixtures.alertmanagerWebhook().alerts();

            assertThat(alerts.get(0).ended()).isNull();
            assertThat(alerts.get(1).ended()).isEqualTo(Instant.parse("2026-01-15T09:58:02.117Z"));
        }

        @Test
        void shouldIgnoreUnknownMembersWhenAlertmanagerAddsFields() {
            String json = "{\"version\":\"4\",\"status\":\"resolved\",\"truncatedAlerts\":0,\"newField\":{\"a\":1},"
                    + "\"alerts\":[{\"status\":\"resolved\",\"labels\":{},\"silencedBy\":[]}]}";

            AlertmanagerWebhook webhook = MAPPER.readValue(json, AlertmanagerWebhook.class);

            assertThat(webhook.status()).isEqualTo("resolved");
            assertThat(webhook.alerts())
                    .singleElement()
                    .extracting(AlertmanagerAlert::status)
                    .isEqualTo("resolved");
            assertThat(webhook.commonLabels()).isEmpty();
        }
    }

    @Nested
    class Kpm {

        @ParameterizedTest(name = "{0} s old → stale {1}")
        @CsvSource({"0, false", "30, false", "90, false", "91, true", "600, true"})
        void shouldBeStaleOnlyWhenOlderThanNinetySeconds(long ageSeconds, boolean stale) {
            KpmReport report = Fixtures.kpmReport();

            assertThat(report.staleAt(report.timestamp().plusSeconds(ageSeconds)))
                    .isEqualTo(stale);
        }

        @Test
        void shouldKeep3gppCounterNamesWhenSerialized() {
            assertThat(MAPPER.valueToTree(Fixtures.kpmReport()).get("counters").has("DRB.UEThpDl"))
                    .isTrue();
        }
    }
}
