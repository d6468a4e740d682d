package dev.aiops.model.intelligence;

/** How eagerly detection flags a deviation: EXTREME flags the smallest ones, LOW only the largest. */
public enum Sensitivity {
    LOW,
    MEDIUM,
    HIGH,
    EXTREME
}
