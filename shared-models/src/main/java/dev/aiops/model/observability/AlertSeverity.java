package dev.aiops.model.observability;

import java.util.Locale;

/** Alert severity, read from the {@code severity} label. */
public enum AlertSeverity {
    CRITICAL,
    WARNING,
    INFO;

    /**
     * Maps an Alertmanager {@code severity} label: case-insensitive; missing or unknown values (such as
     * {@code none} or {@code page}) become WARNING.
     */
    public static AlertSeverity fromLabel(String label) {
        if (label == null) {
            return WARNING;
        }
        return switch (label.trim().toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> CRITICAL;
            case "INFO" -> INFO;
            default -> WARNING;
        };
    }
}
