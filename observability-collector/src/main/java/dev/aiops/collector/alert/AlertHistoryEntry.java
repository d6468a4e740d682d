package dev.aiops.collector.alert;

import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One FIRING / RESOLVED transition of an alert, as {@code GET /api/v1/alerts/history} lists it; {@code source}
 * says whether the webhook or the poll of the cluster's Alertmanager reported it.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record AlertHistoryEntry(
        String fingerprint,
        UUID clusterId,
        String clusterName,
        String alertname,
        AlertSeverity severity,
        AlertState state,
        Instant startsAt,
        Instant endsAt,
        Instant recordedAt,
        AlertSource source) {}
