package dev.aiops.model.observability;

import java.util.Locale;

/** Lifecycle of an alert. Alertmanager only sends firing and resolved; PENDING comes from Prometheus rules. */
public enum AlertState {
    FIRING,
    RESOLVED,
    PENDING;

    /** Maps Alertmanager's {@code status} ({@code firing} or {@code resolved}), case-insensitive. */
    public static AlertState fromWebhookStatus(String status) {
        if (status == null) {
            throw new IllegalArgumentException("alert status is missing");
        }
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "firing" -> FIRING;
            case "resolved" -> RESOLVED;
            case "pending" -> PENDING;
            default -> throw new IllegalArgumentException("unknown alert status: " + status);
        };
    }
}
