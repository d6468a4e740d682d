package dev.aiops.platform.events;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import java.util.List;
import java.util.Map;
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

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final long streamMaxLength;

    public EventBus(StringRedisTemplate redis, JsonMapper json, long streamMaxLength) {
        this.redis = redis;
        this.json = json;
        this.streamMaxLength = streamMaxLength;
    }

    public void notify(EventEnvelope<?> event) {
        redis.convertAndSend(event.eventType().domain().channel(), toJson(event));
    }

    public RecordId append(EventEnvelope<?> event) {
        return appendJson(
                event.eventType().domain(),
                event.eventId().toString(),
                event.eventType().name(),
                toJson(event));
    }

    public RecordId publish(EventEnvelope<?> event) {
        String body = toJson(event);
        EventDomain domain = event.eventType().domain();
        RecordId id =
                appendJson(domain, event.eventId().toString(), event.eventType().name(), body);
        redis.convertAndSend(domain.channel(), body);
        return id;
    }

    /** An already serialized envelope and what its stream entry carries beside it (the outbox stores JSON). */
    public record SerializedEvent(EventDomain domain, String eventId, String eventType, String envelopeJson) {}

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

    private RecordId appendJson(EventDomain domain, String eventId, String eventType, String envelopeJson) {
        // Approximate trimming keeps XADD O(1); the stream is a bounded replay window, not an archive.
        return redis.opsForStream()
                .add(
                        record(new SerializedEvent(domain, eventId, eventType, envelopeJson)),
                        XAddOptions.maxlen(streamMaxLength).approximateTrimming(true));
    }

    private static MapRecord<String, String, String> record(SerializedEvent event) {
        return StreamRecords.newRecord()
                .in(event.domain().stream())
                .ofMap(Map.of(
                        FIELD_EVENT_ID,
                        event.eventId(),
                        FIELD_EVENT_TYPE,
                        event.eventType(),
                        FIELD_ENVELOPE,
                        event.envelopeJson()));
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
