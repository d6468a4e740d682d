package dev.aiops.intent.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.EventStreamsFactory;
import dev.aiops.platform.events.ProcessedEvents;
import dev.aiops.platform.events.StreamSubscription;
import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.testkit.FreePorts;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.RedisServerHandle;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * intent-service killed with SIGKILL while intents are being created, then started again on the same
 * PostgreSQL and Redis (docs/RELIABILITY.md, "SIGKILL mid-write"). The service runs in a JVM of its own (its
 * main class on this module's class path without the test classes: its jar is only built after the tests), on
 * this test's own database, Redis and port, never the platform defaults.
 *
 * <p>After the restart: every intent acknowledged with 201 before the kill is there; every intent row has its
 * INTENT_CREATED outbox row and every such row its intent (nothing half-written); each goes out on the
 * intent stream with one event id. The relay publishes at least once (a batch published but not yet marked
 * when the JVM died goes out again), so the stream may hold an event twice; a consumer group reading the
 * stream through the platform's ledger handles each event once, which is what is asserted.
 */
class KilledMidWriteTests {

    private static final Logger log = LoggerFactory.getLogger(KilledMidWriteTests.class);
    private static final String SECRET = IntentServiceProcess.SECRET;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int WRITERS = 6;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 30;

    static RedisServerHandle redisServer;
    static PostgresDatabase database;
    static JdbcTemplate jdbc;
    static LettuceConnectionFactory redisConnections;
    static StringRedisTemplate redis;
    static final int PORT = FreePorts.find();

    @BeforeAll
    static void infrastructure() throws Exception {
        redisServer = RedisServerHandle.startOnFreePort();
        database = SharedPostgres.get()
                .createDatabase("intent_kill_" + UUID.randomUUID().toString().substring(0, 8));
        jdbc = new JdbcTemplate(new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                database.jdbcUrl() + "?currentSchema=intents",
                database.username(),
                database.password()));
        redisConnections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(redisServer.host(), redisServer.port()),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofSeconds(5))
                        .build());
        redisConnections.afterPropertiesSet();
        redisConnections.start();
        redis = new StringRedisTemplate(redisConnections);
        redis.afterPropertiesSet();
    }

    @AfterAll
    static void closeInfrastructure() {
        if (redisConnections != null) {
            redisConnections.destroy();
        }
        if (redisServer != null) {
            redisServer.close();
        }
    }

    @Test
    void shouldLoseNoAcknowledgedIntentAndDuplicateNoEffectWhenKilledMidWriteAndRestarted() throws Exception {
        String token = new DevTokenIssuer(
                        new SecurityProperties(true, SECRET, "aiops-dev", Duration.ofHours(1), "roles", null))
                .issue("test-operator", Set.of("operator"))
                .accessToken();
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger cut = new AtomicInteger();

        ServiceJarServer service = start();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        int exit;
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int n = 0; writing.get(); n++) {
                        int devices = 10_000 + writer * 10_000 + n;
                        HttpRequest request = HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + PORT + "/api/v1/intents"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"text\": \"Setup mMTC for " + devices + " devices\"}"))
                                .build();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 201) {
                                acknowledged.add(UUID.fromString(JsonMapper.shared()
                                        .readTree(response.body())
                                        .path("id")
                                        .asString()));
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (java.io.IOException e) {
                            cut.incrementAndGet(); // the service died under this request: no answer, no promise
                        }
                    }
                    return null;
                }));
            }
            await().atMost(PATIENCE).until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);
            // SIGKILL while the writers are still sending: some requests are mid-transaction
            exit = service.kill();
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get(1, TimeUnit.MINUTES);
            }
        } finally {
            writing.set(false);
            writers.shutdownNow();
            service.stop();
        }
        assertThat(exit).as("the JVM ended by SIGKILL (128 + 9)").isEqualTo(137);
        Set<UUID> promised = Set.copyOf(acknowledged);
        log.info(
                "Killed with {} intents acknowledged, {} refused, {} requests cut by the kill",
                promised.size(),
                refused.get(),
                cut.get());

        ServiceJarServer restarted = start();
        try {
            List<UUID> stored = jdbc.queryForList("select id from intent", UUID.class);
            assertThat(stored).as("every acknowledged intent survived").containsAll(promised);

            // nothing half-written: an intent and its INTENT_CREATED event were committed together or not at all
            Map<UUID, Long> creations = jdbc
                    .queryForList(
                            "select aggregate_id from outbox_event where event_type = 'INTENT_CREATED'", String.class)
                    .stream()
                    .map(UUID::fromString)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(creations.keySet()).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(creations).allSatisfy((intent, rows) -> assertThat(rows).isEqualTo(1));

            // the restarted relay publishes what the killed one had not
            await().atMost(PATIENCE)
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from outbox_event where published_at is null", Long.class)
                            == 0);
            EventBus bus = new EventBus(redis, JsonMapper.builder().build(), 100_000);
            List<Map<Object, Object>> entries =
                    redis.opsForStream().range(EventDomain.INTENT.stream(), Range.unbounded()).stream()
                            .map(entry -> entry.getValue())
                            .filter(fields -> "INTENT_CREATED".equals(fields.get("event_type")))
                            .toList();
            Map<UUID, Set<String>> eventIdsPerIntent = entries.stream()
                    .collect(Collectors.groupingBy(
                            fields -> UUID.fromString(
                                    bus.fromJson(fields.get("envelope").toString())
                                            .correlationId()),
                            Collectors.mapping(fields -> fields.get("event_id").toString(), Collectors.toSet())));
            assertThat(eventIdsPerIntent.keySet()).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(eventIdsPerIntent)
                    .allSatisfy((intent, ids) -> assertThat(ids).hasSize(1));
            long republished = entries.size() - eventIdsPerIntent.size();
            log.info(
                    "{} intents stored, {} INTENT_CREATED stream entries ({} published again after the kill)",
                    stored.size(),
                    entries.size(),
                    republished);

            // a consumer group reading the stream as services do: one effect per event, duplicates dropped
            Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
            ProcessedEvents ledger = EventStreamsFactory.jdbcProcessedEvents(
                    jdbc, new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())));
            StreamSubscription consumer = EventStreamsFactory.eventStreams(redis, bus, ledger, "faults-probe-1", null)
                    .subscribe(EventDomain.INTENT, "faults-probe", event -> {
                        if (event.eventType().name().equals("INTENT_CREATED")) {
                            effects.computeIfAbsent(event.correlationId(), id -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    });
            consumer.start();
            try {
                await().atMost(PATIENCE).until(() -> effects.size() == stored.size());
                await().atMost(PATIENCE).until(() -> consumer.pendingCount() == 0);
            } finally {
                consumer.stop();
            }
            Set<String> expected = new HashSet<>();
            stored.forEach(id -> expected.add(id.toString()));
            assertThat(effects.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(effects)
                    .allSatisfy((intent, count) -> assertThat(count.get()).isEqualTo(1));
        } finally {
            restarted.stop();
        }
    }

    /** The service on this test's database, Redis and port; the services it calls are not there (refused). */
    private static ServiceJarServer start() {
        return IntentServiceProcess.builder(PORT, database, redisServer, "intent-service-kill-test")
                .start();
    }
}
