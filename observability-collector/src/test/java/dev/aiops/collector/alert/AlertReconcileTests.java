package dev.aiops.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.model.observability.AlertmanagerAlert;
import dev.aiops.model.observability.AlertmanagerWebhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The poll's reconciliation against what the webhook stored, step by step on the real database: the same
 * alert (same fingerprint and startsAt) seen by both is one event; an alert Alertmanager no longer lists is
 * resolved by the poll; a row the webhook changed after the poll's read is left alone.
 */
@CollectorIntegrationTest
class AlertReconcileTests {

    private static final Instant STARTS = Instant.parse("2026-01-15T09:41:02.117Z");

    @Autowired
    AlertService alerts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldNotEmitASecondAlertFiredWhenThePollSeesAnAlertTheWebhookDelivered() {
        ClusterScope cluster = new ClusterScope(UUID.randomUUID(), "edge-" + UUID.randomUUID());
        String fingerprint = fingerprint();
        alerts.receive(webhook(fingerprint, "firing"), cluster);

        AlertService.Reconciliation seen =
                alerts.reconcile(cluster, List.of(firing(cluster, fingerprint)), Instant.now());

        assertThat(seen).isEqualTo(new AlertService.Reconciliation(1, 0, 0));
        assertThat(events(fingerprint)).containsExactly("ALERT_FIRED");
        assertThat(history(fingerprint)).containsExactly("FIRING/WEBHOOK");
    }

    @Test
    void shouldResolveAFiringAlertThatAlertmanagerNoLongerLists() {
        ClusterScope cluster = new ClusterScope(UUID.randomUUID(), "edge-" + UUID.randomUUID());
        ClusterScope other = new ClusterScope(UUID.randomUUID(), "edge-" + UUID.randomUUID());
        String fingerprint = fingerprint();
        alerts.receive(webhook(fingerprint, "firing"), cluster);
        alerts.receive(webhook(fingerprint, "firing"), other);
        Instant readAt = Instant.now();

        AlertService.Reconciliation result = alerts.reconcile(cluster, List.of(), readAt);

        assertThat(result).isEqualTo(new AlertService.Reconciliation(0, 0, 1));
        assertThat(state(cluster, fingerprint)).isEqualTo("RESOLVED");
        // the other cluster's alert with the same fingerprint is not this poll's business
        assertThat(state(other, fingerprint)).isEqualTo("FIRING");
        assertThat(history(fingerprint)).containsExactly("FIRING/WEBHOOK", "FIRING/WEBHOOK", "RESOLVED/POLL");
        assertThat(events(fingerprint)).containsExactly("ALERT_FIRED", "ALERT_FIRED", "ALERT_RESOLVED");
    }

    @Test
    void shouldLeaveARowTheWebhookChangedAfterThePollsRead() {
        ClusterScope cluster = new ClusterScope(UUID.randomUUID(), "edge-" + UUID.randomUUID());
        String fingerprint = fingerprint();
        Instant readBeforeTheWebhook = Instant.now().minusSeconds(5);
        alerts.receive(webhook(fingerprint, "firing"), cluster);

        AlertService.Reconciliation result = alerts.reconcile(cluster, List.of(), readBeforeTheWebhook);

        assertThat(result.resolved()).isZero();
        assertThat(state(cluster, fingerprint)).isEqualTo("FIRING");
    }

    @Test
    void shouldRecordAnAlertOnlyThePollHasSeen() {
        ClusterScope cluster = new ClusterScope(UUID.randomUUID(), "edge-" + UUID.randomUUID());
        String fingerprint = fingerprint();

        AlertService.Reconciliation result =
                alerts.reconcile(cluster, List.of(firing(cluster, fingerprint)), Instant.now());
        alerts.receive(webhook(fingerprint, "firing"), cluster);

        assertThat(result).isEqualTo(new AlertService.Reconciliation(1, 1, 0));
        assertThat(history(fingerprint)).containsExactly("FIRING/POLL");
        assertThat(events(fingerprint)).containsExactly("ALERT_FIRED");
    }

    private String state(ClusterScope cluster, String fingerprint) {
        return jdbc.queryForObject(
                "select state from alert where cluster_id = ? and fingerprint = ?",
                String.class,
                cluster.id(),
                fingerprint);
    }

    private List<String> history(String fingerprint) {
        return jdbc.queryForList(
                "select state || '/' || source from alert_history where fingerprint = ? order by id",
                String.class,
                fingerprint);
    }

    private List<String> events(String fingerprint) {
        return jdbc.queryForList(
                "select event_type from outbox_event where aggregate_id = ? order by id", String.class, fingerprint);
    }

    private static Alert firing(ClusterScope cluster, String fingerprint) {
        return new Alert(
                null,
                fingerprint,
                cluster.id(),
                cluster.name(),
                "NodeDown",
                AlertSeverity.CRITICAL,
                AlertState.FIRING,
                Map.of("alertname", "NodeDown", "severity", "critical"),
                Map.of(),
                STARTS,
                null,
                null);
    }

    private static AlertmanagerWebhook webhook(String fingerprint, String status) {
        return new AlertmanagerWebhook(
                "4",
                "{}",
                0,
                status,
                "aiops",
                Map.of(),
                Map.of(),
                Map.of(),
                "http://alertmanager",
                List.of(new AlertmanagerAlert(
                        status,
                        Map.of("alertname", "NodeDown", "severity", "critical"),
                        Map.of(),
                        STARTS,
                        null,
                        null,
                        fingerprint)));
    }

    private static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
