package dev.aiops.collector.alert;

import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.model.observability.AlertmanagerWebhook;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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

    private final AlertService alerts;

    AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    // Alertmanager authenticates with a bearer token (http_config.authorization) of an operator or
    // service account for now; HMAC-signed webhooks replace that in the alerting issue.
    @PostMapping("/webhook")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Receive an Alertmanager webhook (v4 payload)")
    AlertWebhookResponse webhook(@RequestBody AlertmanagerWebhook webhook) {
        return alerts.receive(webhook);
    }

    @GetMapping
    @Operation(summary = "List alerts, newest first")
    PagedResponse<Alert> list(
            @RequestParam(required = false) AlertState state,
            @RequestParam(required = false) AlertSeverity severity,
            @RequestParam(name = "cluster_id", required = false) UUID clusterId,
            @RequestParam(required = false) String alertname,
            @RequestParam(name = "label", required = false) String[] labels,
            PageQuery paging) {
        return alerts.list(
                new AlertFilter(state, severity, clusterId, alertname, AlertFilter.parseLabels(labels)), paging);
    }

    @GetMapping("/history")
    @Operation(summary = "FIRING / RESOLVED transitions, newest first")
    PagedResponse<AlertHistoryEntry> history(
            @RequestParam(required = false) String fingerprint,
            @RequestParam(required = false) AlertState state,
            @RequestParam(required = false) AlertSeverity severity,
            @RequestParam(name = "cluster_id", required = false) UUID clusterId,
            @RequestParam(required = false) String alertname,
            PageQuery paging) {
        return alerts.history(new AlertFilter(state, severity, clusterId, alertname, List.of()), fingerprint, paging);
    }

    @GetMapping("/{fingerprint}")
    @Operation(summary = "One alert by its Alertmanager fingerprint")
    Alert get(@PathVariable String fingerprint) {
        return alerts.get(fingerprint);
    }
}
