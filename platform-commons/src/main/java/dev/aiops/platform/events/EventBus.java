package dev.aiops.platform.events;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts events on Redis. {@link #notify} is fire-and-forget pub/sub on {@code aiops:events:{domain}}
 * for live views; {@link #append} adds to the stream {@code aiops:stream:{domain}} that consumer groups
 * read with acknowledgement (and that realtime-streaming replays from). {@link #publish} does both;
 * the outbox relay does both for a whole batch at once ({@link #publishAllJson}).
 *
 * <p>A service that changes its database and emits an event must go through the outbox instead of
 * calling this directly, or a crash between the two loses one of them.
 */
public class EventBus {

    static final String FIELD_EVENT_ID = "event_id";
    static final String FIELD_EVENT_TYPE = "event_type";
    static final String FIELD_ENVELOPE = "envelope";
    private static final Set<String> RESERVED_FIELDS = Set.of(FIELD_EVENT_ID, FIELD_EVENT_TYPE, FIELD_ENVELOPE);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final long streamMaxLength;
    private final EventTracing tracing;

    public EventBus(StringRedisTemplate redis, JsonMapper json, long streamMaxLength) {
        this(redis, json, streamMaxLength, EventTracing.NONE);
    }

    /** @param tracing puts the publishing span's trace context on each stream entry, beside the envelope */
    public EventBus(StringRedisTemplate redis, JsonMapper json, long streamMaxLength, EventTracing tracing) {
        this.redis = redis;
        this.json = json;
        this.streamMaxLength = streamMaxLength;
        this.tracing = tracing == null ? EventTracing.NONE : tracing;
    }

    /** Trace context of the current span, for whoever stores an event to publish later (the outbox). */
    public Map<String, String> currentTraceContext() {
        return tracing.current();
    }

    EventTracing tracing() {
        return tracing;
    }

    public void notify(EventEnvelope<?> event) {
        redis.convertAndSend(event.eventType().domain().channel(), toJson(event));
    }

    public RecordId append(EventEnvelope<?> event) {
        return appendJson(new SerializedEvent(
                event.eventType().domain(),
                event.eventId().toString(),
                event.eventType().name(),
                toJson(event),
                tracing.current()));
    }

    public RecordId publish(EventEnvelope<?> event) {
        String body = toJson(event);
        EventDomain domain = event.eventType().domain();
        RecordId id = appendJson(new SerializedEvent(
                domain, event.eventId().toString(), event.eventType().name(), body, tracing.current()));
        redis.convertAndSend(domain.channel(), body);
        return id;
    }

    /**
     * An already serialized envelope and what its stream entry carries beside it (the outbox stores JSON).
     *
     * @param traceContext W3C trace context fields of the span that emitted the event ({@code traceparent},
     *     {@code tracestate}); each becomes a stream field of its own, so the envelope stays as the contract says
     */
    public record SerializedEvent(
            EventDomain domain,
            String eventId,
            String eventType,
            String envelopeJson,
            Map<String, String> traceContext) {

        public SerializedEvent {
            traceContext = traceContext == null ? Map.of() : Map.copyOf(traceContext);
        }

        /** An event published outside any trace. */
        public SerializedEvent(EventDomain domain, String eventId, String eventType, String envelopeJson) {
            this(domain, eventId, eventType, envelopeJson, Map.of());
        }
    }

    /**
     * Publishes serialized envelopes in order, each to its stream and its channel, in one pipelined round
     * trip instead of two per event. When it throws, any prefix of them may have gone out; publishing them
     * all again is safe, as consumers drop duplicates by event id.
     */
    public void publishAllJson(List<SerializedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
                for (SerializedEvent event : events) {
                    ops.opsForStream()
                            .add(
                                    record(event),
                                    XAddOptions.maxlen(streamMaxLength).approximateTrimming(true));
                    ops.convertAndSend(event.domain().channel(), event.envelopeJson());
                }
                return null;
            }
        });
    }

    private RecordId appendJson(SerializedEvent event) {
        // Approximate trimming keeps XADD O(1); the stream is a bounded replay window, not an archive.
        return redis.opsForStream()
                .add(record(event), XAddOptions.maxlen(streamMaxLength).approximateTrimming(true));
    }

    private static MapRecord<String, String, String> record(SerializedEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        event.traceContext().forEach((name, value) -> {
            if (!RESERVED_FIELDS.contains(name)) {
                fields.put(name, value);
            }
        });
        fields.put(FIELD_EVENT_ID, event.eventId());
        fields.put(FIELD_EVENT_TYPE, event.eventType());
        fields.put(FIELD_ENVELOPE, event.envelopeJson());
        return StreamRecords.newRecord().in(event.domain().stream()).ofMap(fields);
    }

    public String toJson(EventEnvelope<?> event) {
        return json.writeValueAsString(event);
    }

    /** Reads an envelope generically; convert the payload with {@link #payload}. */
    public EventEnvelope<JsonNode> fromJson(String envelopeJson) {
        return json.readValue(
                envelopeJson, json.getTypeFactory().constructParametricType(EventEnvelope.class, JsonNode.class));
    }

    public <P> P payload(EventEnvelope<JsonNode> event, Class<P> type) {
        return json.treeToValue(event.payload(), type);
    }
}
