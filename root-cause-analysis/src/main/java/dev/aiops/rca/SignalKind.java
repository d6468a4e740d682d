package dev.aiops.rca;

/** What a signal says about its object. */
public enum SignalKind {
    /** A firing alert (Alertmanager, VES threshold crossing). */
    ALERT,
    /** An anomaly raised by a detector on one of the object's metrics. */
    ANOMALY,
    /** A fault reported by the object itself: VES fault, node NotReady, GPU throttling, certificate expired. */
    FAULT,
    /** A deliberate change: intent applied, package revision published, CNF lifecycle transition. */
    CHANGE,
    /** The object's metrics stopped arriving (a scrape gap, not by itself a failure of the object). */
    MISSING_DATA
}
