package dev.aiops.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StreamingDetectorTests {

    private static final long FIVE_MINUTES = 300_000L;

    /** A daily cycle (288 points a day) with noise, seeded so every run sees the same series. */
    static double[] noisyDailyCycle(int n, long seed) {
        Random random = new Random(seed);
        double[] series = new double[n];
        for (int t = 0; t < n; t++) {
            series[t] = 50 + 20 * Math.sin(2 * Math.PI * t / 288) + random.nextGaussian() * 2;
        }
        return series;
    }

    static List<Verdict> run(StreamingDetector detector, double[] series, int count) {
        List<Verdict> verdicts = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            verdicts.add(detector.score(t * FIVE_MINUTES, series[t]));
        }
        return verdicts;
    }

    static int alarms(List<Verdict> verdicts, int from, int to) {
        int count = 0;
        for (int t = from; t < to; t++) {
            if (verdicts.get(t).alarm()) {
                count++;
            }
        }
        return count;
    }

    @Nested
    class Causality {

        @Test
        void shouldScoreThePrefixOfASeriesIdenticallyWhetherOrNotTheRestExists() {
            double[] series = noisyDailyCycle(6_000, 3);
            series[4_000] += 60; // something to alarm on after the prefix
            List<Verdict> whole = run(StreamingDetector.of(Sensitivity.MEDIUM), series, series.length);
            for (int prefix : new int[] {1, 200, 1_999, 3_000}) {
                double[] cut = java.util.Arrays.copyOf(series, prefix);
                List<Verdict> partial = run(StreamingDetector.of(Sensitivity.MEDIUM), cut, prefix);
                assertThat(partial).isEqualTo(whole.subList(0, prefix));
            }
            assertThat(alarms(whole, 3_000, 6_000)).isPositive();
        }
    }

    @Nested
    class Determinism {

        @Test
        void shouldGiveTheSameVerdictsForTheSameInput() {
            double[] series = noisyDailyCycle(5_000, 5);
            series[3_500] -= 50;
            List<Verdict> first = run(StreamingDetector.of(Sensitivity.HIGH), series, series.length);
            List<Verdict> second = run(StreamingDetector.of(Sensitivity.HIGH), series, series.length);
            assertThat(second).isEqualTo(first);
        }
    }

    @Nested
    class BoundedState {

        @Test
        void shouldHoldTheSameMemoryAfterHundredsOfThousandsOfPointsAsAfterConstruction() {
            StreamingDetector detector = StreamingDetector.of(Sensitivity.MEDIUM);
            long before = detector.stateSize();
            Random random = new Random(9);
            for (int t = 0; t < 300_000; t++) {
                detector.score(t, Math.sin(t / 40.0) * 10 + random.nextGaussian());
            }
            assertThat(detector.stateSize()).isEqualTo(before);
            assertThat(detector.seen()).isEqualTo(300_000);
            // about 3 features x 2 copies x history + the shape buffer: tens of kilobytes, whatever the length
            assertThat(before * Double.BYTES).isLessThan(128 * 1024);
        }
    }

    @Nested
    class Detection {

        @Test
        void shouldAlarmOnASpikeAndCallItASpike() {
            double[] series = noisyDailyCycle(3_000, 1);
            series[2_000] = 140;
            List<Verdict> verdicts = run(StreamingDetector.of(Sensitivity.MEDIUM), series, series.length);
            assertThat(verdicts.get(2_000).alarm()).isTrue();
            assertThat(verdicts.get(2_000).type()).isEqualTo(AnomalyType.SPIKE);
            assertThat(verdicts.get(2_000).score()).isGreaterThan(0.5);
            assertThat(verdicts.get(2_000).expected()).isBetween(20.0, 80.0);
        }

        @Test
        void shouldAlarmOnceOnALevelShiftAndNotAgainWhileTheNewLevelHolds() {
            double[] series = noisyDailyCycle(4_000, 2);
            for (int t = 2_500; t < series.length; t++) {
                series[t] += 45;
            }
            List<Verdict> verdicts = run(StreamingDetector.of(Sensitivity.MEDIUM), series, series.length);
            assertThat(alarms(verdicts, 2_500, 2_520)).isEqualTo(1);
            assertThat(alarms(verdicts, 2_520, 4_000)).isLessThanOrEqualTo(1);
        }

        @Test
        void shouldAlarmWhenAPeriodicSeriesGoesFlatInsideItsUsualRange() {
            double[] series = new double[3_000];
            for (int t = 0; t < series.length; t++) {
                series[t] = t >= 2_300 && t < 2_400 ? 50 : 50 + 20 * Math.sin(2 * Math.PI * t / 288);
            }
            List<Verdict> verdicts = run(StreamingDetector.of(Sensitivity.MEDIUM), series, series.length);
            assertThat(alarms(verdicts, 2_300, 2_400)).isPositive();
            assertThat(alarms(verdicts, 200, 2_300)).isZero();
        }

        @Test
        void shouldStayQuietOnStationaryNoiseOnceWarmedUp() {
            double[] series = noisyDailyCycle(20_000, 4);
            List<Verdict> verdicts = run(StreamingDetector.of(Sensitivity.MEDIUM), series, series.length);
            assertThat(alarms(verdicts, 2_000, 20_000)).isLessThanOrEqualTo(5);
        }

        @Test
        void shouldRaiseMoreAlarmsAsSensitivityRises() {
            Random random = new Random(21);
            double[] series = new double[10_000];
            for (int t = 0; t < series.length; t++) {
                series[t] = random.nextGaussian() * (1 + (t % 1_000 == 999 ? 3 : 0));
            }
            int low = alarms(run(StreamingDetector.of(Sensitivity.LOW), series, series.length), 0, series.length);
            int extreme =
                    alarms(run(StreamingDetector.of(Sensitivity.EXTREME), series, series.length), 0, series.length);
            assertThat(extreme).isGreaterThan(low);
        }

        @Test
        void shouldNeitherLearnNorAlarmOnMissingValues() {
            StreamingDetector detector = StreamingDetector.of(Sensitivity.MEDIUM);
            double[] series = noisyDailyCycle(1_000, 6);
            run(detector, series, series.length);
            Verdict gap = detector.score(0, Double.NaN);
            assertThat(gap.alarm()).isFalse();
            assertThat(gap.score()).isZero();
            assertThat(detector.seen()).isEqualTo(1_000);
        }

        @Test
        void shouldNotAlarmDuringTheWarmUp() {
            double[] series = noisyDailyCycle(400, 8);
            series[100] = 500;
            List<Verdict> verdicts = run(StreamingDetector.of(Sensitivity.EXTREME), series, series.length);
            assertThat(alarms(verdicts, 0, DetectorConfig.DEFAULT_WARM_UP)).isZero();
            assertThat(verdicts.get(100).score()).isGreaterThan(0.5);
        }
    }

    @Nested
    class Configuration {

        @Test
        void shouldRejectParametersThatCannotWork() {
            assertThatThrownBy(() -> new DetectorConfig(8, 10, 8, 150, 50, 0.2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("history");
            assertThatThrownBy(() -> new DetectorConfig(1000, 10, 8, 150, 50, Double.NaN))
                    .hasMessageContaining("threshold");
            assertThatThrownBy(() -> new DetectorConfig(1000, 10, 400, 150, 50, 0.2))
                    .hasMessageContaining("shingle");
            assertThatThrownBy(() -> new DetectorConfig(1000, 10, 8, -1, 50, 0.2))
                    .hasMessageContaining("warmUp");
        }
    }
}
