package dev.aiops.model.observability;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One alert inside an {@link AlertmanagerWebhook}. Alertmanager sends {@code endsAt} as
 * {@code 0001-01-01T00:00:00Z} while an alert fires; {@link #ended()} hides that quirk.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerAlert(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        @JsonProperty("generatorURL") String generatorUrl,
        String fingerprint) {

    /** Go's zero time, which Alertmanager writes for "not ended". */
    public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    public AlertmanagerAlert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** {@code endsAt}, or null when Alertmanager sent none or the zero time. */
    public Instant ended() {
        return endsAt == null || !endsAt.isAfter(ZERO_TIME) ? null : endsAt;
    }
}
