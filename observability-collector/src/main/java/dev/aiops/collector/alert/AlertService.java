package dev.aiops.collector.alert;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertState;
import dev.aiops.model.observability.AlertmanagerWebhook;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.web.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alerts and their FIRING / RESOLVED history, fed by Alertmanager's webhook and by the poll of its API.
 *
 * <p>Identity is (cluster_id, fingerprint). Each alert is handled under a PostgreSQL advisory lock on that
 * identity, taken in the transaction that writes it: the two members of an Alertmanager HA pair (or the
 * webhook and the poll, or two collector replicas) delivering the same alert at once are serialised, and
 * the second one sees the first one's state, so there is one row and one event. Locks are taken in the
 * order of their keys, so two transactions never wait on each other in a cycle.
 */
@Service
class AlertService {

    static final String SOURCE = "observability-collector";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("startsAt"), Sort.Order.asc("fingerprint"));

    private static final Sort HISTORY_NEWEST_FIRST = Sort.by(Sort.Order.desc("recordedAt"), Sort.Order.desc("id"));

    private final AlertRepository alerts;
    private final AlertHistoryRepository history;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;

    AlertService(AlertRepository alerts, AlertHistoryRepository history, Outbox outbox, JdbcTemplate jdbc) {
        this.alerts = alerts;
        this.history = history;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    AlertWebhookResponse receive(AlertmanagerWebhook webhook) {
        return receive(webhook, null);
    }

    /**
     * Upserts every alert of the notification by identity. An alert that starts firing, fires again with a
     * new {@code startsAt}, or resolves emits ALERT_FIRED or ALERT_RESOLVED through the outbox, in the same
     * transaction as the row; repeats of an unchanged alert (Alertmanager's repeat_interval, the HA peer's
     * copy, the poll having seen it first) emit nothing.
     */
    @Transactional
    AlertWebhookResponse receive(AlertmanagerWebhook webhook, ClusterScope scope) {
        List<Alert> notified = AlertmanagerMapping.toAlerts(webhook, scope);
        Instant now = Instant.now();
        Map<String, Alert> byKey = new TreeMap<>();
        for (Alert alert : notified) {
            // one payload naming the same alert twice: the later entry wins, as Alertmanager means it
            byKey.put(key(alert.clusterId(), alert.fingerprint()), alert);
        }
        int fired = 0;
        int resolved = 0;
        for (Map.Entry<String, Alert> e : byKey.entrySet()) {
            lock(e.getKey());
            EventType type = apply(e.getValue(), AlertSource.WEBHOOK, null, now);
            if (type == EventType.ALERT_FIRED) {
                fired++;
            } else if (type == EventType.ALERT_RESOLVED) {
                resolved++;
            }
        }
        return new AlertWebhookResponse(notified.size(), fired, resolved);
    }

    /** What one poll changed. */
    record Reconciliation(int active, int fired, int resolved) {}

    /**
     * Brings the cluster's alerts in line with what its Alertmanager listed as active at {@code readAt}:
     * listed alerts are upserted as firing, and stored firing alerts it no longer lists are resolved (their
     * {@code ends_at} is the read time: the real end lies between the last sight and then). A row the webhook
     * changed after {@code readAt} is newer than the poll's picture and left alone.
     */
    @Transactional
    Reconciliation reconcile(ClusterScope cluster, List<Alert> active, Instant readAt) {
        Instant now = Instant.now();
        Map<String, Alert> listed = new TreeMap<>();
        for (Alert alert : active) {
            listed.put(key(cluster.id(), alert.fingerprint()), alert);
        }
        // the keys only, without loading entities: an entity loaded before its lock would be a stale copy
        List<String> firingFingerprints = jdbc.queryForList(
                "select fingerprint from alert where cluster_id = ? and state = 'FIRING'", String.class, cluster.id());
        TreeSet<String> keys = new TreeSet<>(listed.keySet());
        firingFingerprints.forEach(f -> keys.add(key(cluster.id(), f)));
        keys.forEach(this::lock);

        int fired = 0;
        int resolved = 0;
        for (Map.Entry<String, Alert> e : listed.entrySet()) {
            if (apply(e.getValue(), AlertSource.POLL, readAt, now) == EventType.ALERT_FIRED) {
                fired++;
            }
        }
        for (String fingerprint : firingFingerprints) {
            if (listed.containsKey(key(cluster.id(), fingerprint))) {
                continue;
            }
            // read under the lock: the webhook may have resolved it (or re-fired it) meanwhile
            Optional<AlertEntity> current = alerts.findByIdentity(cluster.id(), fingerprint);
            if (current.isEmpty()
                    || current.get().state() != AlertState.FIRING
                    || current.get().updatedAt().isAfter(readAt)) {
                continue;
            }
            AlertEntity entity = current.get();
            entity.resolveUnseen(readAt, now);
            record(entity.toView(), AlertSource.POLL, now);
            resolved++;
        }
        return new Reconciliation(listed.size(), fired, resolved);
    }

    /**
     * Takes one notified alert (its identity already locked); returns the event it emitted, or null.
     *
     * @param readAt for the poll, when Alertmanager was read: a row changed since then is not overwritten
     */
    private EventType apply(Alert alert, AlertSource source, Instant readAt, Instant now) {
        Optional<AlertEntity> existing = alerts.findByIdentity(alert.clusterId(), alert.fingerprint());
        if (existing.isPresent()) {
            AlertEntity stored = existing.get();
            if (stored.isOlderThanStored(alert)) {
                return null;
            }
            if (readAt != null && stored.updatedAt().isAfter(readAt)) {
                return null;
            }
        }
        AlertEntity entity = existing.orElseGet(() -> new AlertEntity(alert.fingerprint(), now));
        boolean changed = entity.update(alert, now);
        if (existing.isEmpty()) {
            alerts.save(entity);
        }
        if (!changed || alert.state() == AlertState.PENDING) {
            return null;
        }
        return record(entity.toView(), source, now);
    }

    private EventType record(Alert view, AlertSource source, Instant now) {
        history.save(new AlertHistoryEntity(view, source, now));
        EventType type = view.state() == AlertState.FIRING ? EventType.ALERT_FIRED : EventType.ALERT_RESOLVED;
        // keyed by fingerprint: one alert's fired/resolved events leave in order
        outbox.add(EventEnvelope.of(type, SOURCE, view.clusterId(), view), view.fingerprint());
        return type;
    }

    private void lock(String key) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> null, key);
    }

    private static String key(UUID clusterId, String fingerprint) {
        return (clusterId == null ? "-" : clusterId.toString()) + "/" + fingerprint;
    }

    @Transactional(readOnly = true)
    PagedResponse<Alert> list(AlertFilter filter, PageQuery paging) {
        return Pages.response(
                alerts.findAll(filter.toSpecification(), Pages.pageable(paging, NEWEST_FIRST)),
                paging,
                AlertEntity::toView);
    }

    @Transactional(readOnly = true)
    PagedResponse<AlertHistoryEntry> history(AlertFilter filter, String fingerprint, PageQuery paging) {
        return Pages.response(
                history.findAll(
                        filter.toHistorySpecification(fingerprint), Pages.pageable(paging, HISTORY_NEWEST_FIRST)),
                paging,
                AlertHistoryEntity::toView);
    }

    Alert get(String fingerprint) {
        return get(fingerprint, null);
    }

    /**
     * The alert with this fingerprint; {@code clusterId} picks one when several clusters hold the same
     * fingerprint, which is answered 409 naming them rather than by picking one at random.
     */
    @Transactional(readOnly = true)
    Alert get(String fingerprint, UUID clusterId) {
        if (clusterId != null) {
            return alerts.findByClusterIdAndFingerprint(clusterId, fingerprint)
                    .map(AlertEntity::toView)
                    .orElseThrow(() -> AlertNotFoundException.of(fingerprint));
        }
        List<AlertEntity> found = alerts.findByFingerprintOrderByUpdatedAtDesc(fingerprint);
        if (found.isEmpty()) {
            throw AlertNotFoundException.of(fingerprint);
        }
        if (found.size() > 1) {
            List<String> clusters = new ArrayList<>();
            found.stream()
                    .map(AlertEntity::clusterId)
                    .sorted(Comparator.nullsFirst(Comparator.naturalOrder()))
                    .forEach(id -> clusters.add(String.valueOf(id)));
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Fingerprint " + fingerprint + " is held by alerts of " + found.size() + " clusters ("
                            + String.join(", ", clusters) + "); add cluster_id to choose one");
        }
        return found.get(0).toView();
    }
}
