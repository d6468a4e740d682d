package dev.aiops.intelligence.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.Sensitivity;
import dev.aiops.platform.test.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Continuous detection against the real collector and Prometheus. The detector is driven poll by poll with a
 * clock the test moves, so each poll fetches a known stretch of a series Prometheus computes from {@code time()}.
 */
@IntelligenceIntegrationTest
class ContinuousDetectionTests {

    @Autowired
    FleetApis apis;

    @Autowired
    AnomalyStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Tokens tokens;

    @Autowired
    ApplicationContext context;

    private static UUID clusterId;

    @BeforeEach
    void collector() {
        if (clusterId == null) {
            CollectorRanges.start();
            clusterId = CollectorRanges.registerCluster(tokens.token("admin"), Fleet.uniqueName("watch"));
            CollectorRanges.awaitKnown(clusterId, tokens.token("viewer"));
        }
    }

    /** A clock the test sets. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A step of {@code height} during [from, from + minutes), to add to a wave. */
    static String bump(Instant from, int minutes, int height) {
        return " + %d * (vector(time()) >= bool %d) * (vector(time()) < bool %d)"
                .formatted(
                        height,
                        from.getEpochSecond(),
                        from.plus(Duration.ofMinutes(minutes)).getEpochSecond());
    }

    ContinuousDetection detection(String query, MovableClock clock, int maxSeries) {
        AnalysisProperties properties = new AnalysisProperties(
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                new AnalysisProperties.Detection(
                        true,
                        Duration.ofMinutes(1),
                        "1m",
                        Duration.ofHours(4),
                        maxSeries,
                        5,
                        Sensitivity.MEDIUM,
                        List.of(new AnalysisProperties.FleetQuery("synthetic_load", query, null))),
                new AnalysisProperties.Rca(
                        Duration.ofHours(1),
                        Duration.ofMinutes(15),
                        5,
                        300,
                        new AnalysisProperties.OnAlert(false, Set.of(), Duration.ofHours(1))),
                new AnalysisProperties.ModelExplanations(true, 400));
        return new ContinuousDetection(apis, store, properties, clock);
    }

    /**
     * Every cluster on the test's Prometheus sees the same series; how many the collector returns for a query over
     * the whole fleet is its business, so the checks hold for each series it returned.
     */
    private static void eachSeriesOnce(List<AnomalyDetection> announced, Instant at) {
        assertThat(announced).isNotEmpty();
        assertThat(announced).allSatisfy(a -> assertThat(a.detectedAt()).isEqualTo(at));
        assertThat(announced.stream()
                        .map(a -> a.clusterId() + " " + a.labels())
                        .distinct()
                        .count())
                .as("one announcement per series")
                .isEqualTo(announced.size());
    }

    @Test
    void shouldBeSwitchedOffByDefault() {
        assertThat(context.getBeanNamesForType(ContinuousDetection.class)).isEmpty();
    }

    @Test
    void shouldWarmUpSilentlyThenAnnounceEachNewAnomalyOnceWhileItPersists() {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        // a wave of about 12 minutes: the four hours of warm-up hold many periods, so its whole range is known
        String query = "10 + sin(vector(time()) / 120)"
                + bump(base.minus(Duration.ofHours(2)), 3, 20) // in the warm-up history: not news
                + bump(base.plus(Duration.ofMinutes(10)), 4, 50)
                + bump(base.plus(Duration.ofMinutes(90)), 4, 100);
        MovableClock clock = new MovableClock(base);
        ContinuousDetection detection = detection(query, clock, 100);

        assertThat(detection.poll()).as("warm-up from four hours of history").isEmpty();
        assertThat(detection.trackedSeries())
                .as("a detector per (cluster, series), created warm")
                .isPositive();

        clock.set(base.plus(Duration.ofMinutes(12)));
        List<AnomalyDetection> first = detection.poll();
        assertThat(first)
                .as("the warm-up range as the collector answers it: %s", warmUpSummary(query, base))
                .isNotEmpty();
        eachSeriesOnce(first, base.plus(Duration.ofMinutes(10)));
        assertThat(first.get(0).actualValue()).isBetween(58.0, 62.0);

        clock.set(base.plus(Duration.ofMinutes(13)));
        assertThat(detection.poll()).as("the same anomaly, still going on").isEmpty();
        clock.set(base.plus(Duration.ofMinutes(40)));
        assertThat(detection.poll()).as("back to normal").isEmpty();

        clock.set(base.plus(Duration.ofMinutes(95)));
        List<AnomalyDetection> second = detection.poll();
        eachSeriesOnce(second, base.plus(Duration.ofMinutes(90)));

        for (AnomalyDetection announced : List.of(first.get(0), second.get(0))) {
            Awaitility.await("ANOMALY_DETECTED of " + announced.id() + " published")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from outbox_event where event_type = 'ANOMALY_DETECTED'"
                                            + " and published_at is not null and envelope like ?",
                                    Integer.class,
                                    "%" + announced.id() + "%")
                            == 1);
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from anomaly where metric_name = 'synthetic_load' and origin = 'CONTINUOUS'"
                                + " and detected_at >= ?",
                        Integer.class,
                        java.sql.Timestamp.from(base)))
                .isEqualTo(first.size() + second.size());
    }

    private String warmUpSummary(String query, Instant base) {
        FleetApis.RangeResult range =
                apis.queryRange(query, List.of(clusterId), base.minus(Duration.ofHours(4)), base, "1m", null);
        return range.warnings() + " "
                + range.series().stream()
                        .map(s -> s.labels() + " " + s.points().size() + " points, max "
                                + s.points().stream()
                                        .mapToDouble(FleetApis.Point::value)
                                        .max()
                                        .orElse(Double.NaN))
                        .toList();
    }

    @Test
    void shouldKeepAtMostMaxSeriesDetectors() {
        // a second cluster on the same Prometheus: the fleet query now has (at least) two series
        UUID other = CollectorRanges.registerCluster(tokens.token("admin"), Fleet.uniqueName("watch"));
        CollectorRanges.awaitKnown(other, tokens.token("viewer"));
        MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        ContinuousDetection detection = detection("10 + sin(vector(time()) / 900)", clock, 1);

        detection.poll();

        assertThat(detection.trackedSeries()).isEqualTo(1);
    }
}
