package dev.aiops.collector.alert;

/** Where the collector learnt of a transition: Alertmanager's webhook, or its polled API v2. */
public enum AlertSource {
    WEBHOOK,
    POLL
}
