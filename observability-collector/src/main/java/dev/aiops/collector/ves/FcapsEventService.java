package dev.aiops.collector.ves;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores accepted VES events and, in the same transaction, puts each new one on the FCAPS stream through
 * the outbox: a crash cannot store an event without streaming it or the reverse, and a re-sent event
 * (same sourceName and eventId) is neither stored nor streamed twice.
 */
@Service
class FcapsEventService {

    static final String SOURCE = "observability-collector";
    private static final int MAX_REMEMBERED_SOURCES = 100_000;

    private final FcapsEventStore store;
    private final Outbox outbox;
    private final Clock clock;
    // sourceName -> when this replica last committed its heartbeat (epoch ms)
    private final Map<String, Long> recorded = new ConcurrentHashMap<>();

    FcapsEventService(FcapsEventStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    /**
     * Returns how many of the events were new. A heartbeat of a source that was lost also stores and
     * streams the clearing of its "heartbeat lost" fault, in the same transaction.
     */
    @Transactional
    int accept(List<AcceptedEvent> events) {
        Instant now = clock.instant();
        List<AcceptedEvent> fresh = store(events, now);
        List<AcceptedEvent> beats = heartbeatsToRecord(events, now);
        List<FcapsEventStore.RestoredHeartbeat> restored = store.heartbeats(beats, now);
        if (!restored.isEmpty()) {
            store(
                    restored.stream()
                            .map(r -> AcceptedEvent.of(HeartbeatMonitor.cleared(r, now)))
                            .toList(),
                    now);
        }
        rememberAfterCommit(beats, now);
        return fresh.size();
    }

    private List<AcceptedEvent> store(List<AcceptedEvent> events, Instant now) {
        List<AcceptedEvent> fresh = store.insertNew(events, now);
        // One outbox row for the batch (one stream entry per event still): a row per event, with its index
        // entries and the relay's mark, was most of what PostgreSQL spent on ingestion.
        outbox.addBatch(fresh.stream().map(this::envelope).toList(), aggregate(fresh));
        return fresh;
    }

    /**
     * The heartbeats whose source this replica has not recorded within a quarter of its interval (at most
     * a second). Every batch of a busy sender used to update (and lock until commit) the same heartbeat
     * rows, which serialized concurrent batches; a last_seen late by that much changes nothing, as a
     * source counts as lost only after 3 whole intervals. A lost source is never skipped: its last_seen is
     * 3 intervals old, so no recent write of it is remembered.
     */
    private List<AcceptedEvent> heartbeatsToRecord(List<AcceptedEvent> events, Instant now) {
        long nowMillis = now.toEpochMilli();
        return events.stream()
                .filter(e -> e.heartbeatIntervalSeconds() != null)
                .filter(e -> {
                    Long written = recorded.get(e.sourceName());
                    long window = Math.min(1_000L, Math.max(1, e.heartbeatIntervalSeconds()) * 250L);
                    return written == null || nowMillis - written >= window;
                })
                .toList();
    }

    // only committed writes count: a rolled-back batch must not make the next heartbeat look recorded
    private void rememberAfterCommit(List<AcceptedEvent> beats, Instant now) {
        if (beats.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (recorded.size() > MAX_REMEMBERED_SOURCES) {
                    recorded.clear();
                }
                beats.forEach(beat -> recorded.merge(beat.sourceName(), now.toEpochMilli(), Math::max));
            }
        });
    }

    private EventEnvelope<FcapsEventSummary> envelope(AcceptedEvent event) {
        FcapsEventSummary summary = new FcapsEventSummary(
                event.domain(),
                event.eventId(),
                event.eventName(),
                event.priority(),
                event.sourceName(),
                event.severity(),
                event.members());
        return new EventEnvelope<>(
                // A random (v4) id, as the contract says: idempotency is the store's (sourceName, eventId) unique key,
                // which lets only a first delivery reach the outbox; the relay re-sends that row's id, by which
                // consumers drop redeliveries. No name-based id is needed for either.
                UUID.randomUUID(), EventType.FCAPS_EVENT_RECEIVED, SOURCE, null, clock.instant(), null, summary);
    }

    // the source when the batch has one (the outbox column holds 128 characters), for inspection; the relay
    // publishes rows in id order either way, so one source's events stay in order
    private static String aggregate(List<AcceptedEvent> events) {
        if (events.isEmpty()) {
            return null;
        }
        String source = events.get(0).sourceName();
        if (events.stream().anyMatch(event -> !event.sourceName().equals(source))) {
            return null;
        }
        return source.length() <= 128 ? source : source.substring(0, 128);
    }
}
