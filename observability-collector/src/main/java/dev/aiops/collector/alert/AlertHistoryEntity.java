package dev.aiops.collector.alert;

import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One state change of an alert, written in the transaction that changed it. */
@Entity
@Table(name = "alert_history")
class AlertHistoryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private UUID alertId;

    @Column(nullable = false, updatable = false)
    private String fingerprint;

    private UUID clusterId;

    private String clusterName;

    @Column(nullable = false)
    private String alertname;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlertSeverity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlertState state;

    @Column(nullable = false)
    private Instant startsAt;

    private Instant endsAt;

    @Column(nullable = false)
    private Instant recordedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AlertSource source;

    protected AlertHistoryEntity() {}

    AlertHistoryEntity(Alert alert, AlertSource source, Instant now) {
        this.source = source;
        this.alertId = alert.id();
        this.fingerprint = alert.fingerprint();
        this.clusterId = alert.clusterId();
        this.clusterName = alert.clusterName();
        this.alertname = alert.alertname();
        this.severity = alert.severity();
        this.state = alert.state();
        this.startsAt = alert.startsAt();
        this.endsAt = alert.endsAt();
        this.recordedAt = now;
    }

    AlertHistoryEntry toView() {
        return new AlertHistoryEntry(
                fingerprint, clusterId, clusterName, alertname, severity, state, startsAt, endsAt, recordedAt, source);
    }
}
