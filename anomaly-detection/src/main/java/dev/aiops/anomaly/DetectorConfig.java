package dev.aiops.anomaly;

/**
 * Parameters of a {@link StreamingDetector}. One set, fixed in advance, is used for every series; see
 * docs/PERFORMANCE.md for how each default was chosen.
 *
 * @param history number of past points each feature remembers (its "normal range"); bounds the memory per series
 * @param smoothing number of points averaged for the local level feature
 * @param shingle number of consecutive points compared as one shape by the pattern feature
 * @param warmUp points observed before the first alarm may be raised (a causal detector cannot know a series'
 *     length, so this is a count, not a fraction)
 * @param quietPeriod points after an alarm during which no further alarm is raised for the same episode
 * @param threshold how far, in multiples of the feature's historical range, a feature must leave that range
 *     to raise an alarm
 */
public record DetectorConfig(int history, int smoothing, int shingle, int warmUp, int quietPeriod, double threshold) {

    public static final int DEFAULT_HISTORY = 1000;
    public static final int DEFAULT_SMOOTHING = 10;
    public static final int DEFAULT_SHINGLE = 8;
    public static final int DEFAULT_WARM_UP = 150;
    public static final int DEFAULT_QUIET_PERIOD = 50;

    public DetectorConfig {
        if (history < 16) {
            throw new IllegalArgumentException("history must be at least 16 points");
        }
        if (smoothing < 1 || smoothing > history) {
            throw new IllegalArgumentException("smoothing must be between 1 and history");
        }
        if (shingle < 1 || shingle * 4 > history) {
            throw new IllegalArgumentException("shingle must be between 1 and a quarter of history");
        }
        if (warmUp < 0 || quietPeriod < 0) {
            throw new IllegalArgumentException("warmUp and quietPeriod must not be negative");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive number");
        }
    }

    /** The defaults with the threshold of the given sensitivity. */
    public static DetectorConfig of(Sensitivity sensitivity) {
        return new DetectorConfig(
                DEFAULT_HISTORY,
                DEFAULT_SMOOTHING,
                DEFAULT_SHINGLE,
                DEFAULT_WARM_UP,
                DEFAULT_QUIET_PERIOD,
                sensitivity.threshold());
    }

    public DetectorConfig withThreshold(double newThreshold) {
        return new DetectorConfig(history, smoothing, shingle, warmUp, quietPeriod, newThreshold);
    }
}
