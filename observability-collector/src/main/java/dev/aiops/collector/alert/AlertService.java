package dev.aiops.collector.alert;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertState;
import dev.aiops.model.observability.AlertmanagerWebhook;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.web.Pages;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AlertService {

    static final String SOURCE = "observability-collector";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("startsAt"), Sort.Order.asc("fingerprint"));

    private static final Sort HISTORY_NEWEST_FIRST = Sort.by(Sort.Order.desc("recordedAt"), Sort.Order.desc("id"));

    private final AlertRepository alerts;
    private final AlertHistoryRepository history;
    private final Outbox outbox;

    AlertService(AlertRepository alerts, AlertHistoryRepository history, Outbox outbox) {
        this.alerts = alerts;
        this.history = history;
        this.outbox = outbox;
    }

    /**
     * Upserts every alert of the notification by fingerprint. An alert whose state changed emits
     * ALERT_FIRED or ALERT_RESOLVED through the outbox, in the same transaction as the row; Alertmanager's
     * repeats of an unchanged alert emit nothing.
     */
    @Transactional
    AlertWebhookResponse receive(AlertmanagerWebhook webhook) {
        List<Alert> notified = AlertmanagerMapping.toAlerts(webhook);
        Instant now = Instant.now();
        int fired = 0;
        int resolved = 0;
        for (Alert alert : notified) {
            Optional<AlertEntity> existing = alerts.findByFingerprint(alert.fingerprint());
            AlertEntity entity = existing.orElseGet(() -> new AlertEntity(alert.fingerprint(), now));
            boolean changed = entity.update(alert, now);
            if (existing.isEmpty()) {
                alerts.save(entity);
            }
            if (changed && alert.state() != AlertState.PENDING) {
                Alert view = entity.toView();
                history.save(new AlertHistoryEntity(view, now));
                EventType type = view.state() == AlertState.FIRING ? EventType.ALERT_FIRED : EventType.ALERT_RESOLVED;
                // keyed by fingerprint: one alert's fired/resolved events leave in order
                outbox.add(EventEnvelope.of(type, SOURCE, view.clusterId(), view), view.fingerprint());
                if (type == EventType.ALERT_FIRED) {
                    fired++;
                } else {
                    resolved++;
                }
            }
        }
        return new AlertWebhookResponse(notified.size(), fired, resolved);
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

    @Transactional(readOnly = true)
    Alert get(String fingerprint) {
        return alerts.findByFingerprint(fingerprint)
                .map(AlertEntity::toView)
                .orElseThrow(() -> AlertNotFoundException.of(fingerprint));
    }
}
