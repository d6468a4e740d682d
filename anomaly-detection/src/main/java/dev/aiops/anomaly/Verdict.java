package dev.aiops.anomaly;

/**
 * The detector's answer for one point.
 *
 * @param score anomaly score in [0, 1]; 0.5 is the detector's threshold, higher is more anomalous
 * @param alarm true when this point raises an alarm (score at or above the threshold, after the warm-up and
 *     outside the quiet period that follows an earlier alarm)
 * @param expected the value the recent history predicted for this point (the recent local average)
 * @param type the feature that was most surprising, as a hint for explaining the alarm
 */
public record Verdict(double score, boolean alarm, double expected, AnomalyType type) {}
