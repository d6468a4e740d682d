package dev.aiops.anomaly;

/**
 * A causal anomaly detector for one metric series. Each point is scored only from the points before it, then
 * joins the history; the memory is fixed at construction ({@link DetectorConfig#history()} values per feature),
 * so one instance per fleet series can run for ever. Not thread-safe: feed one series from one thread.
 *
 * <p>Three features are tracked: the value, the local average over the last {@link DetectorConfig#smoothing()}
 * points and the shape of the last {@link DetectorConfig#shingle()} points (distance to the nearest earlier
 * stretch). The point-to-point change and the local variability were tracked too until NAB showed that they
 * mostly fire on heavy-tailed noise (docs/PERFORMANCE.md, section "nab"); a jump the value range does not catch
 * is a new shape, which the shape feature does catch. A feature is
 * surprising when it leaves the range it spanned over the remembered history; the surprise is how far it went,
 * in multiples of that range. Staying inside a range one has already seen is never an alarm, however rare, so a
 * series that is noisy, periodic or square-shaped teaches the detector its own normal envelope.
 */
public final class StreamingDetector {

    private static final int VALUE = 0;
    private static final int LEVEL = 1;
    private static final int SHAPE = 2;
    private static final int FEATURES = 3;
    /** A feature needs this many remembered values before its range means anything. */
    private static final int MIN_HISTORY = 10;

    private static final double MAX_EXCESS = 1e6;
    private static final double RELATIVE_RESOLUTION = 1e-6;

    private final DetectorConfig config;
    private final RollingWindow[] windows = new RollingWindow[FEATURES];
    private final double[] recentValues;
    private final double[] features = new double[FEATURES];
    private final ShapeMemory shapes;
    private double valueSum;
    private long seen;
    private long lastAlarm = Long.MIN_VALUE / 2;

    public StreamingDetector(DetectorConfig config) {
        this.config = config;
        for (int f = 0; f < FEATURES; f++) {
            windows[f] = new RollingWindow(config.history());
        }
        this.recentValues = new double[config.smoothing()];
        this.shapes = new ShapeMemory(config.shingle(), config.history());
    }

    public static StreamingDetector of(Sensitivity sensitivity) {
        return new StreamingDetector(DetectorConfig.of(sensitivity));
    }

    public DetectorConfig config() {
        return config;
    }

    /** Number of doubles of history this instance holds; constant for its whole life (bounded state). */
    long stateSize() {
        long size = (long) recentValues.length + features.length + shapes.stateSize();
        for (RollingWindow window : windows) {
            size += 2L * window.capacity();
        }
        return size;
    }

    /** Number of points scored so far (not counting rejected non-finite values). */
    public long seen() {
        return seen;
    }

    /**
     * Scores one point and then learns from it. Non-finite values (NaN, infinities: a scrape gap) are not
     * learned and score 0.
     *
     * @param timestamp the point's time (epoch millis); kept for the API's shape, the detector counts points
     */
    public Verdict score(long timestamp, double value) {
        if (!Double.isFinite(value)) {
            return new Verdict(0.0, false, expected(), AnomalyType.NONE);
        }
        double expected = expected();
        computeFeatures(value);

        double valueRange = windows[VALUE].size() > 0 ? windows[VALUE].max() - windows[VALUE].min() : 0.0;
        double bestExcess = 0.0;
        double bestInside = 0.0;
        AnomalyType strongest = AnomalyType.NONE;
        AnomalyType explanation = AnomalyType.NONE;
        for (int f = 0; f < FEATURES; f++) {
            RollingWindow window = windows[f];
            if (window.size() < MIN_HISTORY || (f != VALUE && seen < config.smoothing()) || Double.isNaN(features[f])) {
                continue;
            }
            double x = features[f];
            double min = window.min();
            double max = window.max();
            if (x > max || x < min) {
                // a range far below the series' own scale is rounding noise (an exactly repeating cycle has
                // shape distances of 1e-15), not a tight normal band
                double range = Math.max(max - min, RELATIVE_RESOLUTION * valueRange);
                double beyond = x > max ? x - max : min - x;
                double excess = range > 0 ? Math.min(beyond / range, MAX_EXCESS) : MAX_EXCESS;
                if (excess > bestExcess) {
                    bestExcess = excess;
                    strongest = typeOf(f, x > max);
                }
                // features are ordered from the simplest explanation to the most abstract: keep the first that
                // is over the threshold, so a spike is called a spike even when its shape is stranger still
                if (excess >= config.threshold() && explanation == AnomalyType.NONE) {
                    explanation = typeOf(f, x > max);
                }
            } else if (bestExcess == 0.0) {
                int n = window.size();
                int tail = Math.min(window.countAbove(x), window.countBelow(x));
                bestInside = Math.max(bestInside, 1.0 - 2.0 * tail / n);
            }
        }
        AnomalyType type = explanation != AnomalyType.NONE ? explanation : strongest;
        for (int f = 0; f < FEATURES; f++) {
            if (!Double.isNaN(features[f])) {
                windows[f].add(features[f]);
            }
        }
        shapes.add(value);
        remember(value);

        double threshold = config.threshold();
        double score;
        if (bestExcess > 0) {
            score = bestExcess <= threshold
                    ? 0.25 + 0.25 * bestExcess / threshold
                    : 0.5 + 0.5 * (bestExcess - threshold) / bestExcess;
        } else {
            score = 0.25 * bestInside;
        }
        boolean alarm = bestExcess >= threshold && seen > config.warmUp() && seen - lastAlarm > config.quietPeriod();
        if (alarm) {
            lastAlarm = seen;
        }
        return new Verdict(score, alarm, expected, type);
    }

    private void computeFeatures(double value) {
        int m = recentValues.length;
        int slot = (int) (seen % m);
        double outgoingValue = seen >= m ? recentValues[slot] : 0.0;
        int count = (int) Math.min(seen + 1, m);
        features[VALUE] = value;
        features[LEVEL] = (valueSum - outgoingValue + value) / count;
        features[SHAPE] = shapes.nearestDistance(value);
    }

    private void remember(double value) {
        int m = recentValues.length;
        int slot = (int) (seen % m);
        if (seen >= m) {
            valueSum -= recentValues[slot];
        }
        recentValues[slot] = value;
        valueSum += value;
        seen++;
        if (seen % (16L * m) == 0) {
            // the running sum drifts with rounding over millions of points: recompute it now and then
            valueSum = 0;
            for (int i = 0; i < m; i++) {
                valueSum += recentValues[i];
            }
        }
    }

    private double expected() {
        if (seen == 0) {
            return Double.NaN;
        }
        return valueSum / Math.min(seen, recentValues.length);
    }

    private static AnomalyType typeOf(int feature, boolean up) {
        return switch (feature) {
            case VALUE -> up ? AnomalyType.SPIKE : AnomalyType.DIP;
            case LEVEL -> up ? AnomalyType.LEVEL_SHIFT_UP : AnomalyType.LEVEL_SHIFT_DOWN;
            default -> AnomalyType.PATTERN_CHANGE;
        };
    }
}
