package dev.aiops.collector.alert;

import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The latest known state of one Alertmanager alert, keyed by its fingerprint. */
@Entity
@Table(name = "alert")
class AlertEntity {

    @Id
    private UUID id;

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

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, String> labels = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, String> annotations = new HashMap<>();

    @Column(nullable = false)
    private Instant startsAt;

    private Instant endsAt;

    private String generatorUrl;

    // Two webhook calls updating one alert at once: the second fails and Alertmanager retries it.
    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected AlertEntity() {}

    AlertEntity(String fingerprint, Instant now) {
        this.id = UUID.randomUUID();
        this.fingerprint = fingerprint;
        this.createdAt = now;
    }

    /** Takes what Alertmanager just said about this alert; true when its state changed (or it is new). */
    boolean update(Alert notified, Instant now) {
        boolean changed = state != notified.state();
        clusterId = notified.clusterId();
        clusterName = notified.clusterName();
        alertname = notified.alertname();
        severity = notified.severity();
        state = notified.state();
        labels = new HashMap<>(notified.labels());
        annotations = new HashMap<>(notified.annotations());
        startsAt = notified.startsAt();
        endsAt = notified.endsAt();
        generatorUrl = notified.generatorUrl();
        updatedAt = now;
        return changed;
    }

    Alert toView() {
        return new Alert(
                id,
                fingerprint,
                clusterId,
                clusterName,
                alertname,
                severity,
                state,
                labels,
                annotations,
                startsAt,
                endsAt,
                generatorUrl);
    }
}
