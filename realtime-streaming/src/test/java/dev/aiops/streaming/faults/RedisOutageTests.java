package dev.aiops.streaming.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventBus;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.testkit.RedisServerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * realtime-streaming's Redis goes away and comes back (docs/RELIABILITY.md, "Redis away"). The service has no
 * database and no outbox: it consumes every domain stream in one consumer group named after its history, and
 * its effect is the history entry a client reads (one per event id). Redis is the test kit's real redis-server
 * with an append-only file, as the compose file runs it, so a restart keeps streams, groups and pending
 * entries. Effects are counted, not timed.
 */
@StreamingIntegrationTest
class RedisOutageTests {

    static final RedisServerHandle REDIS = RedisServerHandle.startPersistentOnFreePort();
    static final String HISTORY = "aiops:ws:history-faults-" + UUID.randomUUID();
    static final EventDomain DOMAIN = EventDomain.CLUSTER;
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("aiops.streaming.history.key", () -> HISTORY);
        registry.add("aiops.streaming.history.max-length", () -> "10000");
    }

    @Autowired
    EventBus bus;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ApplicationContext context;

    private final UUID cluster = UUID.randomUUID();

    @AfterEach
    void redisBack() {
        REDIS.resume();
        REDIS.start();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void shouldRecordEveryEventOnceBeforeAndAfterARedisRestart() {
        // each appended twice: the outbox relay publishes at least once, a batch can go out again
        List<UUID> events = new ArrayList<>(appendTwice(3));
        await().atMost(PATIENCE).until(() -> recorded(events).size() == events.size());

        REDIS.stop();
        REDIS.start();

        events.addAll(appendTwice(3));
        await().atMost(PATIENCE).until(() -> recorded(events).size() == events.size());
        await().atMost(PATIENCE).until(() -> pending() == 0);
        assertThat(recorded(events))
                .as("history entries per event")
                .hasSize(events.size())
                .allSatisfy((event, entries) -> assertThat(entries).isEqualTo(1));
    }

    @Test
    void shouldReclaimWhatADeadReplicaLeftPendingAcrossAHangAndRecordEachOnce() {
        SmartLifecycle recorder = context.getBean("domainStreamRecorder", SmartLifecycle.class);

        // Another replica of the group reads five entries and dies before acknowledging any. It had recorded
        // the first two into the shared history (the same append a notification makes, deduplicated by event
        // id in the history's script), not the other three. This replica's recorder is held back meanwhile so
        // that the dead one is the one the entries were delivered to.
        recorder.stop();
        List<EventEnvelope<Map<String, String>>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                EventEnvelope<Map<String, String>> event = updated("dead-" + i);
                bus.append(event);
                sent.add(event);
            }
            List<UUID> events = sent.stream().map(EventEnvelope::eventId).toList();
            List<MapRecord<String, Object, Object>> read = redis.opsForStream()
                    .read(
                            Consumer.from(HISTORY, "realtime-streaming-dead-replica"),
                            StreamReadOptions.empty().count(100),
                            StreamOffset.create(DOMAIN.stream(), ReadOffset.lastConsumed()));
            assertThat(read)
                    .extracting(entry ->
                            UUID.fromString(entry.getValue().get("event_id").toString()))
                    .containsExactlyElementsOf(events);
            bus.notify(sent.get(0));
            bus.notify(sent.get(1));
            await().atMost(PATIENCE).until(() -> recorded(events).size() == 2);
            assertThat(pending()).isEqualTo(5);

            // Redis hangs (SIGSTOP); the recorder starts again against the hung server
            REDIS.pause();
        } finally {
            recorder.start();
            REDIS.resume();
        }

        List<UUID> events = sent.stream().map(EventEnvelope::eventId).toList();
        await().atMost(PATIENCE).until(() -> recorded(events).size() == events.size());
        await().atMost(PATIENCE).until(() -> pending() == 0);
        assertThat(recorded(events))
                .as("history entries per event")
                .hasSize(events.size())
                .allSatisfy((event, entries) -> assertThat(entries).isEqualTo(1));
    }

    private List<UUID> appendTwice(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventEnvelope<Map<String, String>> event = updated("restart-" + i);
            bus.append(event);
            bus.append(event);
            ids.add(event.eventId());
        }
        return ids;
    }

    private EventEnvelope<Map<String, String>> updated(String name) {
        return EventEnvelope.of(EventType.CLUSTER_UPDATED, "cluster-registry", cluster, Map.of("cluster_name", name));
    }

    /** History entries per event id, for these events. */
    private Map<UUID, Long> recorded(List<UUID> events) {
        return redis.opsForStream().range(HISTORY, Range.unbounded()).stream()
                .map(entry -> bus.fromJson(entry.getValue().get("e").toString()).eventId())
                .filter(events::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private long pending() {
        return redis.opsForStream().pending(DOMAIN.stream(), HISTORY).getTotalPendingMessages();
    }
}
