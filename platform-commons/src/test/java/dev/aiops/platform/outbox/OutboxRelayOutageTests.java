package dev.aiops.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.RedisTestSupport;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.RedisServerHandle;
import dev.aiops.testkit.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay against a real PostgreSQL and a real redis-server that goes away and comes back. */
class OutboxRelayOutageTests {

    private static final String SCHEMA = "outbox_outage";

    static RedisServerHandle redisServer;
    static LettuceConnectionFactory factory;
    static StringRedisTemplate redis;
    static JdbcTemplate jdbc;
    static TransactionTemplate transactions;
    static SimpleMeterRegistry meters = new SimpleMeterRegistry();
    static OutboxRelay relay;
    static Outbox outbox;

    @BeforeAll
    static void start() throws Exception {
        redisServer = RedisServerHandle.startOnFreePort();
        factory = RedisTestSupport.connect(redisServer.host(), redisServer.port());
        redis = RedisTestSupport.template(factory);
        EventBus bus = RedisTestSupport.bus(redis);

        PostgresDatabase db = TestInfrastructure.database();
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(), db.jdbcUrl() + "?currentSchema=" + SCHEMA, db.username(), db.password());
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/platform")
                .cleanDisabled(false)
                .load()
                .clean();
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/platform")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        OutboxProperties properties =
                new OutboxProperties(Duration.ofSeconds(1), 100, Duration.ofDays(1), Duration.ofDays(7));
        relay = new OutboxRelay(jdbc, transactions, bus, properties, meters);
        outbox = new Outbox(jdbc, bus, relay);
    }

    @AfterAll
    static void stop() {
        factory.destroy();
        redisServer.close();
    }

    @BeforeEach
    void clean() {
        if (!redisServer.isRunning()) {
            redisServer.start();
        }
        redis.getConnectionFactory().getConnection().serverCommands().flushAll();
        jdbc.update("delete from outbox_event");
    }

    List<UUID> addEvents(String aggregate, int count) {
        List<UUID> ids = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                EventEnvelope<Map<String, Integer>> event =
                        EventEnvelope.of(EventType.CLUSTER_UPDATED, "test", null, Map.of("seq", ids.size()));
                outbox.add(event, aggregate);
                ids.add(event.eventId());
            }
        });
        return ids;
    }

    List<String> streamEventIds() {
        return redis.opsForStream().range(EventDomain.CLUSTER.stream(), Range.unbounded()).stream()
                .map(entry -> String.valueOf(entry.getValue().get("event_id")))
                .toList();
    }

    void relayUntilDrained() {
        // After a restart Lettuce reconnects in the background; until it has, a round publishes nothing,
        // so keep relaying until the outbox is empty rather than stopping at the first empty round.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    relay.relayBatch();
                    assertThat(relay.pending()).isZero();
                });
    }

    @Test
    void shouldKeepEventsWhileRedisIsDownAndPublishAllInOrderWhenItIsBack() {
        List<UUID> before = addEvents("cluster-a", 10);
        redisServer.stop();

        assertThat(relay.relayBatch())
                .as("nothing can be published during the outage")
                .isZero();
        List<UUID> during = addEvents("cluster-a", 5);
        assertThat(relay.relayBatch()).isZero();
        assertThat(relay.pending()).isEqualTo(15);
        assertThat(meters.get("aiops.outbox.pending").gauge().value())
                .as("the backlog operators alert on")
                .isEqualTo(15.0);

        redisServer.start();
        relayUntilDrained();

        List<String> expected = new ArrayList<>();
        before.forEach(id -> expected.add(id.toString()));
        during.forEach(id -> expected.add(id.toString()));
        assertThat(streamEventIds()).containsExactlyElementsOf(expected);
        assertThat(relay.pending()).isZero();
    }

    @Test
    void shouldRepublishWhenTheMarkWasLostAndLeaveDedupToConsumers() {
        List<UUID> ids = addEvents("cluster-b", 3);
        relayUntilDrained();
        // As if the relay crashed after publishing but before its mark committed.
        jdbc.update("update outbox_event set published_at = null");
        relayUntilDrained();

        List<String> published = streamEventIds();
        assertThat(published).hasSize(6);
        Set<String> distinct = new HashSet<>(published);
        assertThat(distinct)
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(UUID::toString).toList());
    }

    @Test
    void shouldPublishABatchRowAsOneEntryPerEventInOrderAndAgainWhenItsMarkWasLost() {
        List<UUID> single = addEvents("cluster-d", 1);
        List<EventEnvelope<Map<String, String>>> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // line breaks inside values are escaped in the envelope, so they cannot split the row's lines
            batch.add(EventEnvelope.of(EventType.CLUSTER_UPDATED, "test", null, Map.of("seq", i + "\nline")));
        }
        transactions.executeWithoutResult(status -> outbox.addBatch(batch, "cluster-d"));
        List<UUID> after = addEvents("cluster-d", 2);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event", Long.class))
                .as("the batch is one row")
                .isEqualTo(4);
        assertThat(relay.pending()).as("pending counts events, not rows").isEqualTo(253);

        relayUntilDrained();

        List<String> expected = new ArrayList<>();
        single.forEach(id -> expected.add(id.toString()));
        batch.forEach(event -> expected.add(event.eventId().toString()));
        after.forEach(id -> expected.add(id.toString()));
        assertThat(streamEventIds()).containsExactlyElementsOf(expected);
        List<String> envelopes = redis.opsForStream().range(EventDomain.CLUSTER.stream(), Range.unbounded()).stream()
                .map(entry -> String.valueOf(entry.getValue().get("envelope")))
                .toList();
        assertThat(envelopes.get(1)).contains(batch.get(0).eventId().toString()).contains("0\\nline");
        assertThat(envelopes.get(250))
                .contains(batch.get(249).eventId().toString())
                .contains("249\\nline");

        // as if the relay crashed after publishing the batch but before its mark committed
        jdbc.update("update outbox_event set published_at = null where batch_event_ids is not null");
        relayUntilDrained();
        assertThat(streamEventIds()).hasSize(253 + 250).containsAll(expected);
    }

    @Test
    void shouldRefuseToRecordAnEventOutsideATransaction() {
        EventEnvelope<String> event = EventEnvelope.of(EventType.CLUSTER_UPDATED, "test", null, "x");
        // Outbox is used without its Spring proxy here, so assert the row-level guarantee instead:
        // a rolled-back transaction leaves no event behind.
        try {
            transactions.executeWithoutResult(status -> {
                outbox.add(event, "cluster-c");
                status.setRollbackOnly();
            });
        } catch (RuntimeException ignored) {
            // not expected, but the assertion below is what matters
        }
        assertThat(relay.pending()).isZero();
    }
}
