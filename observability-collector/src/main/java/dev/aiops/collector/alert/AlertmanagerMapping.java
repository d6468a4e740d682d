package dev.aiops.collector.alert;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.model.observability.AlertmanagerAlert;
import dev.aiops.model.observability.AlertmanagerWebhook;
import dev.aiops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Alertmanager's webhook (v4, its own camelCase dialect) to platform {@link Alert}s. The whole payload is
 * checked before anything is stored, so a bad alert rejects the call instead of half-applying it; field
 * names in {@code errors[]} are the payload's own ({@code alerts[1].status}).
 *
 * <p>The cluster comes from the {@link ClusterScope} when the caller knows it (the webhook's
 * {@code ?cluster=}, the polled cluster); otherwise from the alert's labels: {@code cluster_id} (the
 * registry's id) and {@code cluster} (its name), which Prometheus adds as external labels on each cluster.
 */
final class AlertmanagerMapping {

    static final String CLUSTER_ID_LABEL = "cluster_id";
    static final String CLUSTER_NAME_LABEL = "cluster";
    static final int MAX_FINGERPRINT_LENGTH = 64;

    private AlertmanagerMapping() {}

    static List<Alert> toAlerts(AlertmanagerWebhook webhook) {
        return toAlerts(webhook, null);
    }

    /** The webhook's alerts, attributed to {@code scope} when it is not null. */
    static List<Alert> toAlerts(AlertmanagerWebhook webhook, ClusterScope scope) {
        List<FieldViolation> violations = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < webhook.alerts().size(); i++) {
            Alert alert = toAlert(webhook.alerts().get(i), scope, "alerts[" + i + "].", violations);
            if (alert != null && violations.isEmpty()) {
                alerts.add(alert);
            }
        }
        if (!violations.isEmpty()) {
            FieldViolation first = violations.get(0);
            String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED, first.field() + ": " + first.message() + more, violations);
        }
        return alerts;
    }

    /**
     * One alert, or null with the reasons added to {@code violations}. A scoped alert whose
     * {@code cluster_id} label names another cluster is refused: a sender may only report its own cluster.
     */
    static Alert toAlert(AlertmanagerAlert alert, ClusterScope scope, String at, List<FieldViolation> violations) {
        int before = violations.size();
        AlertState state = null;
        try {
            state = AlertState.fromWebhookStatus(alert.status());
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(at + "status", "must be firing or resolved"));
        }
        if (alert.fingerprint() == null
                || alert.fingerprint().isBlank()
                || alert.fingerprint().length() > MAX_FINGERPRINT_LENGTH) {
            violations.add(new FieldViolation(
                    at + "fingerprint", "must be present and at most " + MAX_FINGERPRINT_LENGTH + " characters"));
        }
        String alertname = alert.labels().get("alertname");
        if (alertname == null || alertname.isBlank()) {
            violations.add(new FieldViolation(at + "labels.alertname", "must be present"));
        }
        if (alert.startsAt() == null) {
            violations.add(new FieldViolation(at + "startsAt", "must be present"));
        }
        UUID labelledId = uuidOrNull(alert.labels().get(CLUSTER_ID_LABEL));
        if (scope != null && scope.id() != null && labelledId != null && !labelledId.equals(scope.id())) {
            violations.add(new FieldViolation(
                    at + "labels." + CLUSTER_ID_LABEL, "names another cluster than the webhook's cluster"));
        }
        if (violations.size() > before) {
            return null;
        }
        UUID clusterId = scope != null ? scope.id() : labelledId;
        String clusterName = scope != null ? scope.name() : alert.labels().get(CLUSTER_NAME_LABEL);
        return new Alert(
                null,
                alert.fingerprint(),
                clusterId,
                clusterName,
                alertname,
                AlertSeverity.fromLabel(alert.labels().get("severity")),
                state,
                alert.labels(),
                alert.annotations(),
                alert.startsAt(),
                state == AlertState.FIRING ? null : alert.ended(),
                alert.generatorUrl());
    }

    private static UUID uuidOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
