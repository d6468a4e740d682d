package dev.aiops.intelligence.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.StreamSubscription;
import dev.aiops.testkit.RedisServerHandle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The intelligence engine's Redis goes away and comes back (docs/RELIABILITY.md, "Redis away"). The engine
 * consumes the alert stream in the {@code intelligence-engine} group; its handler decides for every firing alert
 * whether to analyse it and counts the decision ({@code aiops.intelligence.alert.analyses}: these WARNING alerts
 * are skipped, as configured), which is the effect counted here, beside the ledger row.
 * Redis is the test kit's real redis-server with an append-only file, as the compose file runs it, so a restart
 * keeps the stream, the group and its pending entries.
 */
@IntelligenceIntegrationTest
class RedisOutageTests {

    static final RedisServerHandle REDIS = RedisServerHandle.startPersistentOnFreePort();
    static final String GROUP = "intelligence-engine";
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
    }

    @Autowired
    EventBus bus;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationContext context;

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
    void shouldResumeAfterARestartAndReclaimWhatADeadConsumerLeftPendingAcrossAHangHandlingEachOnce() {
        double start = received();
        // each appended twice: the collector's relay publishes at least once
        List<UUID> events = new ArrayList<>(appendTwice(3));
        await().atMost(PATIENCE).until(() -> handled(events) == events.size());

        REDIS.stop();
        REDIS.start();
        events.addAll(appendTwice(3));
        await().atMost(PATIENCE).until(() -> handled(events) == events.size());

        // another replica reads four entries and dies before acknowledging; the live consumer is held back
        // meanwhile so that the dead one is the one they were delivered to
        StreamSubscription live = context.getBean("alertEvents", StreamSubscription.class);
        live.stop();
        List<UUID> abandoned;
        try {
            abandoned = appendTwice(2);
            List<MapRecord<String, Object, Object>> read = redis.opsForStream()
                    .read(
                            Consumer.from(GROUP, "intelligence-engine-dead-replica"),
                            StreamReadOptions.empty().count(100),
                            StreamOffset.create(EventDomain.ALERT.stream(), ReadOffset.lastConsumed()));
            assertThat(read).hasSize(4);
            assertThat(pending()).isEqualTo(4);
            REDIS.pause(); // Redis hangs; the consumer starts again against it
        } finally {
            live.start();
            REDIS.resume();
        }
        events.addAll(abandoned);
        await().atMost(PATIENCE).until(() -> handled(events) == events.size());
        await().atMost(PATIENCE).until(() -> pending() == 0);

        for (UUID event : events) {
            assertThat(jdbc.queryForObject(
                            "select count(*) from processed_event where consumer_group = ? and event_id = ?",
                            Long.class,
                            GROUP,
                            event))
                    .isEqualTo(1);
        }
        assertThat(received() - start)
                .as("the handler ran once per event, though each was on the stream twice")
                .isEqualTo(events.size());
    }

    private List<UUID> appendTwice(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID cluster = UUID.randomUUID();
            Alert alert = new Alert(
                    UUID.randomUUID(),
                    UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                    cluster,
                    "edge-paris-01",
                    "KubePodCrashLooping",
                    AlertSeverity.WARNING,
                    AlertState.FIRING,
                    Map.of("namespace", "cnf-upf"),
                    Map.of(),
                    Instant.now(),
                    null,
                    null);
            EventEnvelope<Alert> event =
                    EventEnvelope.of(EventType.ALERT_FIRED, "observability-collector", cluster, alert);
            bus.append(event);
            bus.append(event);
            ids.add(event.eventId());
        }
        return ids;
    }

    private long handled(List<UUID> events) {
        return jdbc.queryForObject(
                "select count(*) from processed_event where consumer_group = ? and event_id::text = any(?)",
                Long.class,
                GROUP,
                events.stream().map(UUID::toString).toArray(String[]::new));
    }

    private double received() {
        return meters.get("aiops.intelligence.alert.analyses").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private long pending() {
        return redis.opsForStream().pending(EventDomain.ALERT.stream(), GROUP).getTotalPendingMessages();
    }
}
