package dev.aiops.model.observability;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An alert as the platform exposes it; also the payload of ALERT_FIRED and ALERT_RESOLVED. The
 * {@code fingerprint} is Alertmanager's and identifies the alert across repeats; {@code ends_at} is null
 * while it fires.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record Alert(
        UUID id,
        String fingerprint,
        UUID clusterId,
        String clusterName,
        String alertname,
        AlertSeverity severity,
        AlertState state,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl) {

    public Alert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
