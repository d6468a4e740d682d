package dev.aiops.collector.ves;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.platform.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores accepted VES events and, in the same transaction, puts each new one on the FCAPS stream through
 * the outbox: a crash cannot store an event without streaming it or the reverse, and a re-sent event
 * (same sourceName and eventId) is neither stored nor streamed twice.
 */
@Service
class FcapsEventService {

    static final String SOURCE = "observability-collector";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final FcapsEventStore store;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    FcapsEventService(FcapsEventStore store, Outbox outbox, JsonMapper json) {
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** Returns how many of the events were new. */
    @Transactional
    int accept(List<AcceptedEvent> events) {
        Instant now = clock.instant();
        List<AcceptedEvent> fresh = store.insertNew(events, now);
        outbox.addAll(fresh.stream().map(this::envelope).toList(), envelope -> aggregate(envelope.payload()));
        store.heartbeats(
                events.stream()
                        .filter(e -> e.heartbeatIntervalSeconds() != null)
                        .toList(),
                now);
        return fresh.size();
    }

    private EventEnvelope<FcapsEventSummary> envelope(AcceptedEvent event) {
        FcapsEventSummary summary = new FcapsEventSummary(
                event.domain(),
                event.eventId(),
                event.eventName(),
                event.priority(),
                event.sourceName(),
                event.severity(),
                json.convertValue(event.event(), MAP));
        return new EventEnvelope<>(
                eventId(event), EventType.FCAPS_EVENT_RECEIVED, SOURCE, null, clock.instant(), null, summary);
    }

    /** Derived from sourceName + eventId, so that consumers can drop a redelivery by event_id alone. */
    static UUID eventId(AcceptedEvent event) {
        return UUID.nameUUIDFromBytes(("ves\n" + event.key()).getBytes(StandardCharsets.UTF_8));
    }

    // one source's events are published in order; the outbox column holds 128 characters
    private static String aggregate(FcapsEventSummary summary) {
        String source = summary.sourceName();
        return source.length() <= 128 ? source : source.substring(0, 128);
    }
}
