package dev.aiops.collector.alert;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.cluster.ClusterDirectory;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.model.observability.AlertmanagerWebhook;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/alerts")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Alerts", description = "Alerts received from Alertmanager")
class AlertController {

    static final String WEBHOOK_PATH = "/api/v1/alerts/webhook";

    private final AlertService alerts;
    private final ClusterDirectory clusters;

    AlertController(AlertService alerts, ClusterDirectory clusters) {
        this.alerts = alerts;
        this.clusters = clusters;
    }

    /**
     * Alertmanager authenticates with a platform token of an operator or service account
     * ({@code http_config.authorization}), or, for a cluster with webhook credentials configured, with those
     * ({@link WebhookAuthenticationFilter}). {@code cluster} (registry name or id) attributes every alert of
     * the call to that cluster, as the poll of its Alertmanager does.
     */
    @PostMapping("/webhook")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE', 'ALERT_WEBHOOK')")
    @Operation(summary = "Receive an Alertmanager webhook (v4 payload)")
    AlertWebhookResponse webhook(
            @RequestBody AlertmanagerWebhook webhook, @RequestParam(required = false) String cluster) {
        return alerts.receive(webhook, cluster == null ? null : scope(cluster));
    }

    @GetMapping
    @Operation(summary = "List alerts, newest first")
    PagedResponse<Alert> list(
            @RequestParam(required = false) AlertState state,
            @RequestParam(required = false) AlertSeverity severity,
            @RequestParam(name = "cluster_id", required = false) UUID clusterId,
            @RequestParam(required = false) String cluster,
            @RequestParam(required = false) String alertname,
            @RequestParam(name = "label", required = false) String[] labels,
            PageQuery paging) {
        return alerts.list(
                new AlertFilter(state, severity, clusterId, cluster, alertname, AlertFilter.parseLabels(labels)),
                paging);
    }

    @GetMapping("/history")
    @Operation(summary = "FIRING / RESOLVED transitions, newest first")
    PagedResponse<AlertHistoryEntry> history(
            @RequestParam(required = false) String fingerprint,
            @RequestParam(required = false) AlertState state,
            @RequestParam(required = false) AlertSeverity severity,
            @RequestParam(name = "cluster_id", required = false) UUID clusterId,
            @RequestParam(required = false) String cluster,
            @RequestParam(required = false) String alertname,
            @RequestParam(name = "label", required = false) String[] labels,
            PageQuery paging) {
        return alerts.history(
                new AlertFilter(state, severity, clusterId, cluster, alertname, AlertFilter.parseLabels(labels)),
                fingerprint,
                paging);
    }

    @GetMapping("/{fingerprint}")
    @Operation(summary = "One alert by its Alertmanager fingerprint (cluster_id when several clusters hold it)")
    Alert get(@PathVariable String fingerprint, @RequestParam(name = "cluster_id", required = false) UUID clusterId) {
        return alerts.get(fingerprint, clusterId);
    }

    private ClusterScope scope(String cluster) {
        Optional<ClusterConnection> found;
        try {
            found = clusters.resolve(java.util.List.of(UUID.fromString(cluster))).clusters().stream()
                    .findFirst();
        } catch (IllegalArgumentException notAnId) {
            found = clusters.findByName(cluster);
        }
        return found.map(c -> new ClusterScope(c.id(), c.name()))
                .orElseThrow(() -> ApiException.invalidField(
                        ErrorCode.VALIDATION_FAILED, "cluster", "is not a registered cluster: " + cluster));
    }
}
