package dev.aiops.model.event;

import java.util.Locale;

/** Groups event types onto one Redis channel and one stream each. */
public enum EventDomain {
    CLUSTER,
    ALERT,
    METRIC,
    GPU,
    INTELLIGENCE,
    INTENT,
    CNF,
    PACKAGE,
    FCAPS,
    KPM;

    /** Pub/sub channel for notifications (losing one is tolerable). */
    public String channel() {
        return "aiops:events:" + key();
    }

    /** Stream for triggers (consumer groups, acknowledged, replayable). */
    public String stream() {
        return "aiops:stream:" + key();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
