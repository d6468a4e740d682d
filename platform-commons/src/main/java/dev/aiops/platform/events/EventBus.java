package dev.aiops.platform.events;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import java.util.Map;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts events on Redis. {@link #notify} is fire-and-forget pub/sub on {@code aiops:events:{domain}}
 * for live views; {@link #append} adds to the stream {@code aiops:stream:{domain}} that consumer groups
 * read with acknowledgement (and that realtime-streaming replays from). {@link #publish} does both,
 * which is what the outbox relay uses.
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

    /** Publishes an already serialized envelope (the outbox stores JSON). */
    public RecordId publishJson(EventDomain domain, String eventId, String eventType, String envelopeJson) {
        RecordId id = appendJson(domain, eventId, eventType, envelopeJson);
        redis.convertAndSend(domain.channel(), envelopeJson);
        return id;
    }

    private RecordId appendJson(EventDomain domain, String eventId, String eventType, String envelopeJson) {
        MapRecord<String, String, String> record = StreamRecords.newRecord()
                .in(domain.stream())
                .ofMap(Map.of(FIELD_EVENT_ID, eventId, FIELD_EVENT_TYPE, eventType, FIELD_ENVELOPE, envelopeJson));
        // Approximate trimming keeps XADD O(1); the stream is a bounded replay window, not an archive.
        return redis.opsForStream()
                .add(record, XAddOptions.maxlen(streamMaxLength).approximateTrimming(true));
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
