package dev.aiops.anomaly;

/**
 * How readily a detector raises alarms. Each level is one fixed threshold: how far, in multiples of its own
 * remembered range, a feature must break out of that range. MEDIUM is the threshold chosen on the NAB
 * development split (see docs/PERFORMANCE.md); each step halves or doubles it, trading missed anomalies for
 * false alarms.
 */
public enum Sensitivity {
    LOW(0.32),
    MEDIUM(0.16),
    HIGH(0.08),
    EXTREME(0.04);

    private final double threshold;

    Sensitivity(double threshold) {
        this.threshold = threshold;
    }

    /** The surprise threshold this level stands for (see {@link DetectorConfig#threshold()}). */
    public double threshold() {
        return threshold;
    }
}
