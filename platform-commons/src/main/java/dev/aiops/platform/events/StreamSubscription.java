package dev.aiops.platform.events;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * One consumer of a consumer group on {@code aiops:stream:{domain}}: reads new entries, runs the
 * handler once per {@code event_id}, and acknowledges only after the handler succeeded. Entries another
 * consumer left pending (it crashed, or its handler failed) are claimed once idle for
 * {@code claimIdle}; after {@code maxDeliveries} attempts an entry goes to {@code aiops:dlq:{domain}}
 * so one poison event cannot block the group forever.
 */
public class StreamSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamSubscription.class);
    private static final Set<String> NOT_TRACE_CONTEXT = Set.of(
            EventBus.FIELD_EVENT_ID,
            EventBus.FIELD_EVENT_TYPE,
            EventBus.FIELD_ENVELOPE,
            "group",
            "deliveries",
            "original_id");

    private final StringRedisTemplate redis;
    private final EventBus bus;
    private final ProcessedEvents processed;
    private final EventDomain domain;
    private final String group;
    private final Consumer consumer;
    private final EventHandler handler;
    private final StreamSettings settings;

    private volatile boolean running;
    private Thread worker;
    private Instant nextClaim = Instant.EPOCH;

    StreamSubscription(
            StringRedisTemplate redis,
            EventBus bus,
            ProcessedEvents processed,
            EventDomain domain,
            String group,
            String consumerName,
            EventHandler handler,
            StreamSettings settings) {
        this.redis = redis;
        this.bus = bus;
        this.processed = processed;
        this.domain = domain;
        this.group = group;
        this.consumer = Consumer.from(group, consumerName);
        this.handler = handler;
        this.settings = settings;
    }

    /** Timings and limits; the defaults suit a consumer that handles an event in well under a second. */
    public record StreamSettings(
            Duration block, int batchSize, Duration claimIdle, Duration claimEvery, long maxDeliveries) {
        public static StreamSettings defaults() {
            return new StreamSettings(Duration.ofSeconds(1), 50, Duration.ofSeconds(30), Duration.ofSeconds(10), 5);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "stream-" + domain.key() + "-" + group);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            try {
                worker.join(settings.block().plusSeconds(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    /**
     * Stops several subscriptions together: all are told to stop before any is awaited, so the wait is the
     * longest blocking read, not their sum.
     */
    public static void stopAll(Collection<StreamSubscription> subscriptions) {
        subscriptions.forEach(subscription -> subscription.running = false);
        subscriptions.forEach(StreamSubscription::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(500);
        boolean groupReady = false;
        while (running) {
            try {
                if (!groupReady) {
                    ensureGroup();
                    groupReady = true;
                }
                pollOnce();
                backoff = Duration.ofMillis(500);
            } catch (RuntimeException e) {
                if (isMissingGroup(e)) {
                    groupReady = false; // Redis lost the stream (restart without persistence, FLUSHALL)
                    continue;
                }
                log.warn(
                        "Stream {} group {}: {} (retrying in {} ms)",
                        domain.stream(),
                        group,
                        e.toString(),
                        backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** One round: claim what others abandoned (now and then), then read new entries. Visible for tests. */
    int pollOnce() {
        int handled = 0;
        if (Instant.now().isAfter(nextClaim)) {
            handled += claimAbandoned();
            nextClaim = Instant.now().plus(settings.claimEvery());
        }
        List<MapRecord<String, Object, Object>> records = redis.opsForStream()
                .read(
                        consumer,
                        StreamReadOptions.empty().count(settings.batchSize()).block(settings.block()),
                        StreamOffset.create(domain.stream(), ReadOffset.lastConsumed()));
        if (records != null) {
            for (MapRecord<String, Object, Object> record : records) {
                handled += process(record) ? 1 : 0;
            }
        }
        return handled;
    }

    /** Entries delivered to this consumer group and not yet acknowledged, by any of its consumers. */
    public long pendingCount() {
        PendingMessagesSummary summary = redis.opsForStream().pending(domain.stream(), group);
        return summary == null ? 0 : summary.getTotalPendingMessages();
    }

    int claimAbandoned() {
        PendingMessages pending =
                redis.opsForStream().pending(domain.stream(), group, Range.unbounded(), settings.batchSize());
        int handled = 0;
        for (PendingMessage message : pending) {
            if (message.getElapsedTimeSinceLastDelivery().compareTo(settings.claimIdle()) < 0) {
                continue;
            }
            List<MapRecord<String, Object, Object>> claimed = redis.opsForStream()
                    .claim(domain.stream(), group, consumer.getName(), settings.claimIdle(), message.getId());
            for (MapRecord<String, Object, Object> record : claimed) {
                if (message.getTotalDeliveryCount() >= settings.maxDeliveries()) {
                    deadLetter(record, message.getTotalDeliveryCount());
                } else {
                    handled += process(record) ? 1 : 0;
                }
            }
        }
        return handled;
    }

    private boolean process(MapRecord<String, Object, Object> record) {
        Map<Object, Object> fields = record.getValue();
        Object envelopeJson = fields.get(EventBus.FIELD_ENVELOPE);
        if (envelopeJson == null) {
            log.warn("Stream {} entry {} has no envelope; acknowledging it", domain.stream(), record.getId());
            ack(record);
            return false;
        }
        EventEnvelope<JsonNode> event;
        try {
            event = bus.fromJson(envelopeJson.toString());
        } catch (RuntimeException e) {
            deadLetter(record, 1);
            return false;
        }
        try {
            UUID eventId = event.eventId();
            // The handler continues the emitter's trace: its spans, and events it emits, share the trace id.
            boolean ran = bus.tracing()
                    .inConsumerSpan(
                            "handle " + event.eventType().name().toLowerCase(Locale.ROOT),
                            traceContext(fields),
                            () -> processed.runOnce(group, eventId, () -> handler.handle(event)));
            ack(record);
            return ran;
        } catch (Exception e) {
            // Not acknowledged: stays pending and is retried through claimAbandoned after claimIdle.
            log.warn(
                    "Handler of group {} failed on {} {}: {}", group, event.eventType(), event.eventId(), e.toString());
            return false;
        }
    }

    /** The entry's fields other than the event itself: the trace context the emitter put beside it. */
    private static Map<String, String> traceContext(Map<Object, Object> fields) {
        Map<String, String> context = new HashMap<>();
        fields.forEach((name, value) -> {
            String key = String.valueOf(name);
            if (!NOT_TRACE_CONTEXT.contains(key) && value != null) {
                context.put(key, value.toString());
            }
        });
        return context;
    }

    private void ack(MapRecord<String, Object, Object> record) {
        redis.opsForStream().acknowledge(domain.stream(), group, record.getId());
    }

    private void deadLetter(MapRecord<String, Object, Object> record, long deliveries) {
        Map<Object, Object> fields = new java.util.HashMap<>(record.getValue());
        fields.put("group", group);
        fields.put("deliveries", Long.toString(deliveries));
        fields.put("original_id", record.getId().getValue());
        redis.opsForStream()
                .add(StreamRecords.newRecord().in("aiops:dlq:" + domain.key()).ofMap(fields));
        ack(record);
        log.error(
                "Stream {} entry {} moved to the dead-letter stream after {} deliveries",
                domain.stream(),
                record.getId(),
                deliveries);
    }

    void ensureGroup() {
        try {
            redis.execute((RedisCallback<String>) connection -> connection
                    .streamCommands()
                    .xGroupCreate(domain.stream().getBytes(StandardCharsets.UTF_8), group, ReadOffset.from("0"), true));
        } catch (RuntimeException e) {
            if (!String.valueOf(rootMessage(e)).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private static boolean isMissingGroup(Throwable e) {
        return String.valueOf(rootMessage(e)).contains("NOGROUP");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
