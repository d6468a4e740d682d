package dev.aiops.collector.cluster;

import java.util.UUID;

/**
 * How the collector reaches one cluster's monitoring stack, from the registry's internal connection
 * endpoint. Holds a secret: {@link #toString()} is redacted and it is never logged or served.
 */
public record ClusterConnection(
        UUID id, String name, String prometheusUrl, String prometheusToken, String alertmanagerUrl) {

    public boolean hasPrometheus() {
        return prometheusUrl != null && !prometheusUrl.isBlank();
    }

    public boolean hasAlertmanager() {
        return alertmanagerUrl != null && !alertmanagerUrl.isBlank();
    }

    @Override
    public String toString() {
        return "ClusterConnection[id=" + id + ", name=" + name + ", prometheusUrl=" + prometheusUrl
                + ", secrets=<redacted>]";
    }
}
