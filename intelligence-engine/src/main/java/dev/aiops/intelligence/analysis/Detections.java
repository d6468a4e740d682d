package dev.aiops.intelligence.analysis;

import dev.aiops.anomaly.DetectorConfig;
import dev.aiops.anomaly.StreamingDetector;
import dev.aiops.anomaly.Verdict;
import dev.aiops.model.intelligence.AnomalySeverity;
import dev.aiops.model.intelligence.AnomalyType;
import dev.aiops.model.intelligence.Sensitivity;
import java.time.Instant;

/**
 * Between the anomaly-detection library and the platform's contract: sensitivity levels, the contract's
 * anomaly types and severities, and one series' detector with the deduplication continuous detection needs.
 */
final class Detections {

    /** Fewer points than this give the detector no history to judge by: the request is refused. */
    static final int MIN_POINTS = 30;

    /**
     * A detector's score at or above the threshold is mapped to [0.5, 1]; these cut that range into the
     * contract's severities (half-way and four fifths of the way to certainty).
     */
    private static final double HIGH_SCORE = 0.9;

    private static final double MEDIUM_SCORE = 0.75;

    /** Confidence given to a breach of a configured absolute limit, which is a fact rather than a guess. */
    private static final double BREACH_CONFIDENCE = 0.95;

    private Detections() {}

    static dev.aiops.anomaly.Sensitivity level(Sensitivity sensitivity) {
        return dev.aiops.anomaly.Sensitivity.valueOf(sensitivity.name());
    }

    /**
     * The library's defaults (chosen on NAB) with a warm-up that fits the series: a live series is long, so it
     * keeps the full 150 points; an on-demand range of a few hours at 1m would otherwise never leave its
     * warm-up, so a short series learns from its first quarter (at least {@link #MIN_POINTS}).
     */
    static DetectorConfig config(Sensitivity sensitivity, int expectedPoints) {
        DetectorConfig defaults = DetectorConfig.of(level(sensitivity));
        int warmUp = expectedPoints <= 0
                ? defaults.warmUp()
                : Math.min(defaults.warmUp(), Math.max(MIN_POINTS, expectedPoints / 4));
        return new DetectorConfig(
                defaults.history(),
                defaults.smoothing(),
                defaults.shingle(),
                warmUp,
                defaults.quietPeriod(),
                defaults.threshold());
    }

    static AnomalyType type(dev.aiops.anomaly.AnomalyType type) {
        return switch (type) {
            case SPIKE -> AnomalyType.SPIKE;
            case DIP -> AnomalyType.DROP;
            case LEVEL_SHIFT_UP, LEVEL_SHIFT_DOWN -> AnomalyType.TREND_CHANGE;
            case PATTERN_CHANGE, NONE -> AnomalyType.PATTERN_BREAK;
        };
    }

    static AnomalySeverity severity(double score) {
        if (score >= HIGH_SCORE) {
            return AnomalySeverity.HIGH;
        }
        return score >= MEDIUM_SCORE ? AnomalySeverity.MEDIUM : AnomalySeverity.LOW;
    }

    /** Relative deviation from the expectation in percent; null when the expectation is 0 or unknown. */
    static Double deviationPercent(double actual, double expected) {
        if (!Double.isFinite(expected) || expected == 0.0) {
            return null;
        }
        return (actual - expected) / Math.abs(expected) * 100.0;
    }

    /**
     * One anomalous point.
     *
     * @param expected the recent local average the detector expected, NaN before it has any history
     */
    record Finding(
            Instant at,
            double actual,
            double expected,
            AnomalyType type,
            AnomalySeverity severity,
            double confidence,
            Double deviationPercent) {

        Double expectedOrNull() {
            return Double.isFinite(expected) ? expected : null;
        }
    }

    /**
     * One series' detector. Points must arrive in time order; a point not newer than the last one is ignored
     * (overlapping fetches). An anomaly is reported once: after a report the series counts as anomalous until
     * {@code clearAfter} points in a row score below the threshold again.
     */
    static final class SeriesDetector {

        private final StreamingDetector detector;
        private final Double upperBound;
        private final int clearAfter;
        private long lastTimestamp = Long.MIN_VALUE;
        private boolean active;
        private int calm;

        SeriesDetector(DetectorConfig config, Double upperBound, int clearAfter) {
            this.detector = new StreamingDetector(config);
            this.upperBound = upperBound;
            this.clearAfter = clearAfter;
        }

        long lastTimestamp() {
            return lastTimestamp;
        }

        /** Scores a point; returns a finding when it starts a new anomaly, else null. */
        Finding accept(Instant at, double value) {
            long millis = at.toEpochMilli();
            if (millis <= lastTimestamp) {
                return null;
            }
            lastTimestamp = millis;
            Verdict verdict = detector.score(millis, value);
            boolean breach = upperBound != null && Double.isFinite(value) && value > upperBound;
            boolean anomalous = verdict.alarm() || breach;
            if (verdict.score() >= 0.5 || breach) {
                calm = 0;
            } else if (active && ++calm >= clearAfter) {
                active = false;
            }
            if (!anomalous || active) {
                return null;
            }
            active = true;
            calm = 0;
            if (breach && !verdict.alarm()) {
                double reference = Double.isFinite(verdict.expected()) ? verdict.expected() : upperBound;
                return new Finding(
                        at,
                        value,
                        reference,
                        AnomalyType.THRESHOLD_BREACH,
                        AnomalySeverity.HIGH,
                        BREACH_CONFIDENCE,
                        deviationPercent(value, reference));
            }
            return new Finding(
                    at,
                    value,
                    verdict.expected(),
                    type(verdict.type()),
                    severity(verdict.score()),
                    Math.min(1.0, Math.max(0.0, verdict.score())),
                    deviationPercent(value, verdict.expected()));
        }
    }
}
