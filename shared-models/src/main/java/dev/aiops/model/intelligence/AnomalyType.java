package dev.aiops.model.intelligence;

/** Shape of an anomaly in a time series. */
public enum AnomalyType {
    SPIKE,
    DROP,
    TREND_CHANGE,
    PATTERN_BREAK,
    THRESHOLD_BREACH
}
