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

/**
 * The latest known state of one Alertmanager alert, identified by (cluster, fingerprint): the fingerprint is a
 * hash of the label set, unique within one Alertmanager (and its HA peers), not across clusters.
 */
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

    /**
     * Whether {@code notified} is about an older episode than the stored one (it started before): a late or
     * re-ordered notification, which must not overwrite a newer firing.
     */
    boolean isOlderThanStored(Alert notified) {
        return startsAt != null && notified.startsAt().isBefore(startsAt);
    }

    /**
     * Whether taking {@code notified} is a transition worth a history row and an event: the state changed, or
     * the alert fires again with a new {@code startsAt} (it resolved and re-fired while nobody was told).
     */
    boolean isTransition(Alert notified) {
        return state != notified.state()
                || (notified.state() == AlertState.FIRING
                        && !notified.startsAt().equals(startsAt));
    }

    /** The poll no longer finds the alert in Alertmanager: it resolved, at the latest when the poll read. */
    void resolveUnseen(Instant resolvedBy, Instant now) {
        state = AlertState.RESOLVED;
        endsAt = resolvedBy;
        updatedAt = now;
    }

    AlertState state() {
        return state;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String fingerprint() {
        return fingerprint;
    }

    UUID clusterId() {
        return clusterId;
    }

    /** Takes what Alertmanager just said about this alert; true when it is a transition (or it is new). */
    boolean update(Alert notified, Instant now) {
        boolean changed = isTransition(notified);
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
