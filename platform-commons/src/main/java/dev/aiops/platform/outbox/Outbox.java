package dev.aiops.platform.outbox;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.platform.events.EventBus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the same transaction as the change it describes; {@link OutboxRelay} publishes
 * it after commit. A rollback removes the event with the change, and a crash after commit only delays
 * it. Calling this outside a transaction is a bug and fails.
 */
public class Outbox {

    private static final String INSERT = "insert into outbox_event"
            + " (event_id, event_type, domain, aggregate_id, envelope, trace_context) values (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_BATCH = "insert into outbox_event (event_id, event_type, domain,"
            + " aggregate_id, envelope, trace_context, batch_event_ids) values (?, ?, ?, ?, ?, ?, ?)";
    static final char BATCH_SEPARATOR = '\n';
    private static final TypeReference<Map<String, String>> TRACE_CONTEXT = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final EventBus bus;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, EventBus bus, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.bus = bus;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(EventEnvelope<?> event) {
        String aggregateId =
                event.clusterId() == null ? null : event.clusterId().toString();
        add(event, aggregateId);
    }

    /** @param aggregateId what the event is about; events of one aggregate are published in order */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(EventEnvelope<?> event, String aggregateId) {
        jdbc.update(
                INSERT,
                event.eventId(),
                event.eventType().name(),
                event.eventType().domain().name(),
                aggregateId,
                bus.toJson(event),
                traceContext());
        wakeRelayAfterCommit();
    }

    /**
     * Records many events with one batched statement, for ingestion paths that accept thousands of events
     * per second (one round trip per event would be the bottleneck there).
     *
     * @param aggregateId what each event is about; events of one aggregate are published in order
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <E extends EventEnvelope<?>> void addAll(List<E> events, Function<? super E, String> aggregateId) {
        if (events.isEmpty()) {
            return;
        }
        String traceContext = traceContext(); // one transaction, one span: the same for every row
        jdbc.batchUpdate(
                INSERT,
                events.stream()
                        .map(event -> new Object[] {
                            event.eventId(),
                            event.eventType().name(),
                            event.eventType().domain().name(),
                            aggregateId.apply(event),
                            bus.toJson(event),
                            traceContext
                        })
                        .toList());
        wakeRelayAfterCommit();
    }

    /**
     * Records many events of one type as ONE row, published by the relay as one stream entry per event (the
     * same entries {@link #addAll} gives). For ingestion paths where a row per event is what the database
     * spends its time on: one row, one entry per index and one relay mark per batch. Events of one row are
     * published together, in order, and redelivered together; consumers still drop duplicates by each
     * event's own id, which the row keeps.
     *
     * @param aggregateId what the batch is about (for inspection only: the relay keeps every row's order)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <E extends EventEnvelope<?>> void addBatch(List<E> events, String aggregateId) {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() == 1) {
            add(events.get(0), aggregateId);
            return;
        }
        E first = events.get(0);
        UUID[] ids = new UUID[events.size()];
        StringBuilder envelopes = new StringBuilder(events.size() * 1024);
        for (int i = 0; i < ids.length; i++) {
            E event = events.get(i);
            if (event.eventType() != first.eventType()) {
                throw new IllegalArgumentException(
                        "A batch row holds events of one type: " + first.eventType() + " and " + event.eventType());
            }
            ids[i] = event.eventId();
            if (i > 0) {
                envelopes.append(BATCH_SEPARATOR);
            }
            envelopes.append(bus.toJson(event)); // JSON without pretty printing: no raw line break inside
        }
        jdbc.update(
                INSERT_BATCH,
                UUID.randomUUID(), // the row's own key; the events keep theirs in batch_event_ids
                first.eventType().name(),
                first.eventType().domain().name(),
                aggregateId,
                envelopes.toString(),
                traceContext(),
                ids);
        wakeRelayAfterCommit();
    }

    /** The writing span's trace context as JSON, for the relay to put beside the envelope; null outside a trace. */
    private String traceContext() {
        Map<String, String> fields = bus.currentTraceContext();
        return fields.isEmpty() ? null : JsonMapper.shared().writeValueAsString(fields);
    }

    /** Trace context stored by {@link #traceContext()}; empty when there was none or it is unreadable. */
    static Map<String, String> readTraceContext(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            return JsonMapper.shared().readValue(stored, TRACE_CONTEXT);
        } catch (RuntimeException e) {
            return Map.of(); // tracing is best effort; the event itself must still go out
        }
    }

    private void wakeRelayAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp(); // publish now rather than at the next poll
                }
            });
        }
    }
}
