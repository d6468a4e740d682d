package dev.aiops.anomaly;

/**
 * How readily a detector raises alarms. Each level is one fixed threshold: how far, in multiples of its own
 * remembered range, a feature must break out of that range. MEDIUM is the threshold chosen on the NAB
 * development split (see docs/PERFORMANCE.md); each step halves or doubles it, trading missed anomalies for
 * false alarms.
 */
public enum Sensitivity {
    LOW(0.36),
    MEDIUM(0.18),
    HIGH(0.09),
    EXTREME(0.045);

    private final double threshold;

    Sensitivity(double threshold) {
        this.threshold = threshold;
    }

    /** The surprise threshold this level stands for (see {@link DetectorConfig#threshold()}). */
    public double threshold() {
        return threshold;
    }
}
