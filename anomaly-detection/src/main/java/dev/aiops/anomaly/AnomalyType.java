package dev.aiops.anomaly;

/** What kind of departure made a point anomalous: a hint for the operator, not a classification guarantee. */
public enum AnomalyType {
    /** Nothing unusual. */
    NONE,
    /** A sudden rise of single points above anything seen recently. */
    SPIKE,
    /** A sudden fall of single points below anything seen recently. */
    DIP,
    /** The local average moved above its recent range and stays there. */
    LEVEL_SHIFT_UP,
    /** The local average moved below its recent range. */
    LEVEL_SHIFT_DOWN,
    /** The recent shape of the series (its last few points together) resembles nothing in the history. */
    PATTERN_CHANGE
}
