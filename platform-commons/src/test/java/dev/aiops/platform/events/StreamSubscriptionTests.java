package dev.aiops.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.StreamSubscription.StreamSettings;
import dev.aiops.testkit.SharedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

class StreamSubscriptionTests {

    private static final String GROUP = "intent-service";
    private static final StreamSettings FAST_CLAIM =
            new StreamSettings(Duration.ofMillis(100), 50, Duration.ofMillis(200), Duration.ZERO, 3);

    LettuceConnectionFactory factory;
    StringRedisTemplate redis;
    EventBus bus;
    ProcessedEvents processed;

    @BeforeEach
    void connect() {
        SharedRedis shared = SharedRedis.get();
        shared.flushAll();
        factory = RedisTestSupport.connect(shared.host(), shared.port());
        redis = RedisTestSupport.template(factory);
        bus = RedisTestSupport.bus(redis);
        processed = new RedisProcessedEvents(redis, Duration.ofHours(1));
    }

    @AfterEach
    void disconnect() {
        factory.destroy();
    }

    StreamSubscription consumer(String name, EventHandler handler) {
        return consumer(name, handler, FAST_CLAIM);
    }

    StreamSubscription consumer(String name, EventHandler handler, StreamSettings settings) {
        StreamSubscription subscription =
                new StreamSubscription(redis, bus, processed, EventDomain.CLUSTER, GROUP, name, handler, settings);
        subscription.ensureGroup();
        return subscription;
    }

    List<UUID> appendEvents(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventEnvelope<ClusterStatusChangedEvent> event = EventEnvelope.of(
                    EventType.CLUSTER_STATUS_CHANGED,
                    "cluster-registry",
                    UUID.randomUUID(),
                    new ClusterStatusChangedEvent(
                            UUID.randomUUID(), ClusterState.ONLINE, ClusterState.DEGRADED, 80, "prometheus down"));
            bus.append(event);
            ids.add(event.eventId());
        }
        return ids;
    }

    static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @Test
    void shouldHandleEntriesACrashedConsumerLeftPending() throws Exception {
        StreamSubscription a = consumer("a", event -> {}); // creates the group
        List<UUID> ids = appendEvents(5);
        // Consumer "a" reads the entries and dies before acknowledging them.
        redis.opsForStream()
                .read(
                        Consumer.from(GROUP, "a"),
                        StreamReadOptions.empty().count(10),
                        StreamOffset.create(EventDomain.CLUSTER.stream(), ReadOffset.lastConsumed()));
        assertThat(a.pendingCount())
                .as("the group's lag, as the gauge reports it")
                .isEqualTo(5);

        List<UUID> handled = new CopyOnWriteArrayList<>();
        // A consumer that waits an hour before claiming must leave them alone, however slow this machine is.
        StreamSubscription patient = consumer(
                "b",
                event -> handled.add(event.eventId()),
                new StreamSettings(Duration.ofMillis(100), 50, Duration.ofHours(1), Duration.ZERO, 3));
        assertThat(patient.pollOnce())
                .as("entries are not idle long enough yet")
                .isZero();
        assertThat(handled).isEmpty();

        StreamSubscription b = consumer("c", event -> handled.add(event.eventId()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            b.pollOnce();
            assertThat(handled).hasSize(ids.size());
        });

        assertThat(handled).containsExactlyElementsOf(ids);
        assertThat(b.pendingCount()).isZero();
    }

    @Test
    void shouldRetryAFailedHandlerAndDeadLetterAfterMaxDeliveries() throws Exception {
        List<UUID> attempts = new CopyOnWriteArrayList<>();
        StreamSubscription failing = consumer("a", event -> {
            attempts.add(event.eventId());
            throw new IllegalStateException("downstream unavailable");
        });
        UUID id = appendEvents(1).get(0);

        failing.pollOnce();
        for (int i = 0; i < 3; i++) {
            sleep(300);
            failing.pollOnce();
        }

        assertThat(attempts).containsOnly(id).hasSize(3);
        assertThat(failing.pendingCount()).isZero();
        assertThat(redis.opsForStream().range("aiops:dlq:cluster", Range.unbounded()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.getValue())
                        .containsEntry("event_id", id.toString())
                        .containsEntry("group", GROUP));
    }

    @Test
    void shouldHandleARepublishedEventOnlyOnce() throws Exception {
        List<UUID> handled = new CopyOnWriteArrayList<>();
        StreamSubscription subscription = consumer("a", event -> handled.add(event.eventId()));
        EventEnvelope<String> event = EventEnvelope.of(EventType.CLUSTER_UPDATED, "cluster-registry", null, "same");
        bus.append(event);
        bus.append(event); // the outbox relay may publish twice after a crash

        subscription.pollOnce();

        assertThat(handled).containsExactly(event.eventId());
        assertThat(subscription.pendingCount()).isZero();
    }

    @Test
    void shouldConsumeInTheBackgroundOnceStarted() throws Exception {
        List<UUID> handled = new CopyOnWriteArrayList<>();
        StreamSubscription subscription = consumer("bg", event -> handled.add(event.eventId()));
        subscription.start();
        try {
            List<UUID> ids = appendEvents(3);
            for (int i = 0; i < 100 && handled.size() < 3; i++) {
                sleep(50);
            }
            assertThat(handled).containsExactlyElementsOf(ids);
        } finally {
            subscription.stop();
        }
        assertThat(subscription.isRunning()).isFalse();
    }
}
