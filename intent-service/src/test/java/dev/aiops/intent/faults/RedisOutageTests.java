package dev.aiops.intent.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.EventHandler;
import dev.aiops.platform.events.ProcessedEvents;
import dev.aiops.platform.events.StreamSubscription;
import dev.aiops.platform.test.RestCalls;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.RedisServerHandle;
import dev.aiops.testkit.SharedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * intent-service's Redis goes away and comes back (docs/RELIABILITY.md, "Redis away"). The service writes
 * events through its outbox (intents) and consumes the FCAPS and KPM streams in the {@code intent-service}
 * group (the closed loop). Redis is the test kit's real redis-server with an append-only file, as the compose
 * file runs it, so a restart keeps streams, groups and pending entries. Effects are counted, not timed.
 *
 * <p>The service has a database and a Redis of its own here: a cached context of another test class on the
 * shared database would otherwise publish this test's outbox rows to its own Redis.
 */
@IntentIntegrationTest
class RedisOutageTests {

    static final RedisServerHandle REDIS = RedisServerHandle.startPersistentOnFreePort();
    static final PostgresDatabase DATABASE = SharedPostgres.get()
            .createDatabase(
                    "intent_redis_outage_" + UUID.randomUUID().toString().substring(0, 8));
    static final String GROUP = "intent-service";
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void ownRedisAndDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
    }

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventBus bus;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ProcessedEvents processed;

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
    void shouldKeepEventsWrittenWhileRedisIsDownAndPublishEachOnceAndResumeTheClosedLoopWhenItIsBack() {
        String alarm = "OUTAGE-" + UUID.randomUUID();
        UUID rule = createHealRule("outage-heal-" + alarm, alarm);
        List<UUID> events = new ArrayList<>(appendFaults(alarm, 3));
        await().atMost(PATIENCE).until(() -> decided(events, rule) == events.size());

        REDIS.stop();
        List<UUID> intents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            intents.add(createIntent());
        }
        assertThat(unpublishedCreations(intents))
                .as("every intent acknowledged during the outage has its event waiting in the outbox")
                .isEqualTo(intents.size());

        REDIS.start();
        await().atMost(PATIENCE).until(() -> unpublishedCreations(intents) == 0);
        assertThat(creationEntriesOnTheStream(intents))
                .as("one INTENT_CREATED entry per intent written during the outage")
                .hasSize(intents.size())
                .allSatisfy((intent, entries) -> assertThat(entries).isEqualTo(1));

        // the closed loop reads its group again: what the collector publishes now is acted upon
        events.addAll(appendFaults(alarm, 3));
        await().atMost(PATIENCE).until(() -> decided(events, rule) == events.size());
        assertOneEffectEach(events, rule);
        await().atMost(PATIENCE).until(() -> pending() == 0);
    }

    @Test
    void shouldReclaimWhatADeadConsumerLeftPendingAcrossAHangAndActOnceOnEach() throws Exception {
        String alarm = "DEAD-" + UUID.randomUUID();
        UUID rule = createHealRule("dead-heal-" + alarm, alarm);
        StreamSubscription live = context.getBean("fcapsEvents", StreamSubscription.class);
        EventHandler fcapsHandler = context.getBean("fcapsTriggers", EventHandler.class);

        // Another replica reads six entries and dies before acknowledging any. It had handled the first two
        // completely (their effect and ledger row committed together), the other four not at all. The live
        // consumer is held back meanwhile so that the dead one is the one the entries were delivered to.
        live.stop();
        List<UUID> events;
        UUID duringHang;
        try {
            events = appendFaults(alarm, 6);
            List<MapRecord<String, Object, Object>> read = redis.opsForStream()
                    .read(
                            Consumer.from(GROUP, "intent-service-dead-replica"),
                            StreamReadOptions.empty().count(100),
                            StreamOffset.create(EventDomain.FCAPS.stream(), ReadOffset.lastConsumed()));
            assertThat(read).extracting(this::eventId).containsExactlyElementsOf(events);
            for (MapRecord<String, Object, Object> entry : read.subList(0, 2)) {
                EventEnvelope<JsonNode> event =
                        bus.fromJson(entry.getValue().get("envelope").toString());
                assertThat(processed.runOnce(GROUP, event.eventId(), () -> fcapsHandler.handle(event)))
                        .isTrue();
            }
            assertThat(decided(events, rule)).isEqualTo(2);
            assertThat(pending()).isEqualTo(6);

            // Redis hangs (SIGSTOP): connections stay open, nothing answers. An intent is still acknowledged,
            // its event waits in the outbox; the live consumer starts again against the hung server.
            REDIS.pause();
            duringHang = createIntent();
            assertThat(unpublishedCreations(List.of(duringHang))).isEqualTo(1);
        } finally {
            live.start(); // against the hung server first: its reads time out and it backs off
            REDIS.resume();
        }

        // once idle for the claim time, the live consumer claims the dead one's entries: the two handled ones
        // are recognised by the ledger and only acknowledged, the four others handled once
        await().atMost(PATIENCE).until(() -> decided(events, rule) == events.size());
        await().atMost(PATIENCE).until(() -> pending() == 0);
        assertOneEffectEach(events, rule);

        await().atMost(PATIENCE).until(() -> unpublishedCreations(List.of(duringHang)) == 0);
        assertThat(creationEntriesOnTheStream(List.of(duringHang))).containsExactly(Map.entry(duringHang, 1L));
    }

    /** A rule that raises one healing intent per FCAPS fault with this alarm condition, without cooldown. */
    private UUID createHealRule(String name, String alarm) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.substring(0, Math.min(name.length(), 60)));
        body.put("source", "fcaps");
        body.put("condition", "faultFields.alarmCondition == '" + alarm + "'");
        body.put("action", "heal");
        body.put("enabled", true);
        body.put("cooldown", "PT0S");
        EntityExchangeResult<String> created = rest().call(
                        "admin",
                        HttpMethod.POST,
                        "/api/v1/rules",
                        JsonMapper.shared().writeValueAsString(body));
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        return UUID.fromString(
                created.getResponseHeaders().getLocation().getPath().replace("/api/v1/rules/", ""));
    }

    /** FCAPS faults on the stream as the collector's outbox relay puts them there. */
    private List<UUID> appendFaults(String alarm, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // a source of its own each: the planner's alarm dedup would otherwise fold repeats of one source
            EventEnvelope<FcapsEventSummary> event = fault("gnb-" + i + "-" + UUID.randomUUID(), alarm);
            bus.append(event);
            ids.add(event.eventId());
        }
        return ids;
    }

    private static EventEnvelope<FcapsEventSummary> fault(String source, String alarm) {
        String eventId = "fault" + UUID.randomUUID();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("domain", "fault");
        header.put("eventId", eventId);
        header.put("eventName", "Fault_gNB_Outage");
        header.put("sourceName", source);
        header.put("priority", "High");
        return EventEnvelope.of(
                EventType.FCAPS_EVENT_RECEIVED,
                "observability-collector",
                null,
                new FcapsEventSummary(
                        "fault",
                        eventId,
                        "Fault_gNB_Outage",
                        "High",
                        source,
                        "MAJOR",
                        Map.of(
                                "commonEventHeader",
                                header,
                                "faultFields",
                                Map.of(
                                        "alarmCondition",
                                        alarm,
                                        "eventSeverity",
                                        "MAJOR",
                                        "specificProblem",
                                        "link down",
                                        "vfStatus",
                                        "Active"))));
    }

    private UUID createIntent() {
        int devices = ThreadLocalRandom.current().nextInt(10_000, 99_999);
        EntityExchangeResult<String> created = rest().call(
                        "operator",
                        HttpMethod.POST,
                        "/api/v1/intents",
                        "{\"text\": \"Setup mMTC for " + devices + " devices\"}");
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        return UUID.fromString(JsonMapper.shared()
                .readTree(created.getResponseBody())
                .path("id")
                .asString());
    }

    private long unpublishedCreations(List<UUID> intents) {
        return jdbc.queryForObject(
                "select count(*) from outbox_event where event_type = 'INTENT_CREATED' and published_at is null"
                        + " and aggregate_id = any(?)",
                Long.class,
                (Object) intents.stream().map(UUID::toString).toArray(String[]::new));
    }

    /** INTENT_CREATED entries on the intent stream per intent (its correlation id), for these intents. */
    private Map<UUID, Long> creationEntriesOnTheStream(List<UUID> intents) {
        return redis.opsForStream().range(EventDomain.INTENT.stream(), Range.unbounded()).stream()
                .filter(entry -> "INTENT_CREATED".equals(entry.getValue().get("event_type")))
                .map(entry -> UUID.fromString(
                        bus.fromJson(entry.getValue().get("envelope").toString())
                                .correlationId()))
                .filter(intents::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private UUID eventId(MapRecord<String, Object, Object> entry) {
        return UUID.fromString(entry.getValue().get("event_id").toString());
    }

    private long decided(List<UUID> events, UUID rule) {
        return events.stream()
                .filter(event -> jdbc.queryForObject(
                                "select count(*) from rule_decision where event_id = ? and rule_id = ?",
                                Long.class,
                                event,
                                rule)
                        > 0)
                .count();
    }

    /** Each event decided once and healed by exactly one raised intent, whatever was redelivered. */
    private void assertOneEffectEach(List<UUID> events, UUID rule) {
        for (UUID event : events) {
            assertThat(jdbc.queryForObject(
                            "select count(*) from rule_decision where event_id = ? and rule_id = ?",
                            Long.class,
                            event,
                            rule))
                    .as("decisions on %s", event)
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject(
                            "select count(*) from intent where payload->>'correlation_id' = ?",
                            Long.class,
                            event.toString()))
                    .as("intents raised for %s", event)
                    .isEqualTo(1);
        }
    }

    private long pending() {
        return redis.opsForStream().pending(EventDomain.FCAPS.stream(), GROUP).getTotalPendingMessages();
    }

    private RestCalls rest() {
        return new RestCalls(client, tokens);
    }
}
