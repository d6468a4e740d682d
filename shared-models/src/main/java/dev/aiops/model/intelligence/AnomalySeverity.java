package dev.aiops.model.intelligence;

/** How much an anomaly matters. */
public enum AnomalySeverity {
    HIGH,
    MEDIUM,
    LOW
}
