package dev.aiops.porch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.test.OutboxStreamProbe;
import dev.aiops.platform.test.RestCalls;
import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.support.PorchIntegrationTest;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.RedisServerHandle;
import dev.aiops.testkit.SharedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * porch-adapter's Redis goes away mid-traffic and comes back (docs/RELIABILITY.md, "Redis away"). The adapter
 * reads no stream: Redis only carries what it owes the platform, PACKAGE_REVISION_CHANGED, written through the
 * outbox in the transaction of each change. So package operations keep succeeding while Redis is stopped or
 * hung (SIGSTOP), their events wait in the outbox, and once Redis is back each event is on the package stream:
 * exactly once after a stop; at least once after a hang the relay timed out on (the batch it gave up on is carried
 * out when Redis resumes, then sent again), with a consumer behind the platform's ledger acting once on each.
 *
 * <p>Database, Redis and package store of its own: a cached context of another test class on the shared
 * database would otherwise publish this test's outbox rows to its own Redis.
 */
@PorchIntegrationTest
class RedisOutageTests {

    private static final Logger log = LoggerFactory.getLogger(RedisOutageTests.class);

    static final RedisServerHandle REDIS = RedisServerHandle.startPersistentOnFreePort();
    static final PostgresDatabase DATABASE = SharedPostgres.get()
            .createDatabase("porch_redis_outage_" + UUID.randomUUID().toString().substring(0, 8));
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void ownRedisDatabaseAndStore(DynamicPropertyRegistry registry) {
        REDIS.register(registry);
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("aiops.porch.git-directory", () -> "target/redis-outage-packages.git");
    }

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventStreams streams;

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
    void shouldKeepPackageEventsWhileRedisIsStoppedAndPublishEachOnceWhenItIsBack() {
        REDIS.stop();
        List<String> packages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            packages.add(createDraft());
        }
        // one package through its whole lifecycle while Redis is away: Draft → Proposed → Published
        assertOk(rest().call(
                        "operator",
                        HttpMethod.POST,
                        "/api/v1/packages/" + revision(packages.get(0)) + "/propose",
                        null));
        assertOk(rest().call(
                        "operator",
                        HttpMethod.POST,
                        "/api/v1/packages/" + revision(packages.get(0)) + "/approve",
                        null));
        assertOk(rest().call("viewer", HttpMethod.GET, "/api/v1/packages/" + revision(packages.get(1)), null));

        List<UUID> events = outboxEvents(packages);
        assertThat(events).as("one event per creation, proposal and approval").hasSize(5);
        assertThat(unpublished(events))
                .as("every change acknowledged while Redis is stopped has its event waiting in the outbox")
                .isEqualTo(events.size());

        REDIS.start();
        await().atMost(PATIENCE).until(() -> unpublished(events) == 0);
        assertEachOnceOnTheStream(events);
    }

    @Test
    void shouldAnswerWhileRedisHangsAndHaveEachEventActedOnOnceAfterItResumes() {
        // the relay has published before, so it holds an open connection when Redis freezes
        List<UUID> before = outboxEvents(List.of(createDraft()));
        await().atMost(PATIENCE).until(() -> unpublished(before) == 0);
        List<String> packages = new ArrayList<>();
        List<UUID> events;
        double failuresBefore = relayFailures();
        REDIS.pause();
        try {
            for (int i = 0; i < 2; i++) {
                packages.add(createDraft());
            }
            assertOk(rest().call(
                            "operator",
                            HttpMethod.POST,
                            "/api/v1/packages/" + revision(packages.get(0)) + "/propose",
                            null));
            events = outboxEvents(packages);
            assertThat(events).as("one event per creation and proposal").hasSize(3);
            // hung long enough for the relay to give up on a batch (command timeout), not merely to wait
            await().atMost(PATIENCE).until(() -> relayFailures() > failuresBefore);
            assertThat(unpublished(events))
                    .as("nothing reaches a hung Redis: every event waits in the outbox")
                    .isEqualTo(events.size());
        } finally {
            REDIS.resume();
        }
        await().atMost(PATIENCE).until(() -> unpublished(events) == 0);
        // The batch the relay gave up on was in the hung server's socket: Redis carries it out on resuming and
        // the relay sends it again, so an event may be on the stream twice, with the same event id (the outbox
        // is at least once). Nothing is lost, and a consumer behind the platform's ledger acts once on each.
        Map<UUID, Long> entries = entriesOnTheStream(events);
        log.info(
                "Events published during the hang: {} entries for {} events",
                entries.values().stream().mapToLong(Long::longValue).sum(),
                events.size());
        assertThat(entries).as("PACKAGE_REVISION_CHANGED entries per event id").hasSize(events.size());
        assertThat(probe().effectsOfALedgerConsumer(streams, events, PATIENCE))
                .as("effects per event")
                .hasSize(events.size())
                .allSatisfy((event, count) -> assertThat(count).isEqualTo(1));
    }

    private String createDraft() {
        String name = "upf-" + UUID.randomUUID().toString().substring(0, 8);
        EntityExchangeResult<String> created =
                rest().call("operator", HttpMethod.POST, "/api/v1/packages", """
                {"package_name": "%s", "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"}}
                """.formatted(name));
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        return name;
    }

    private static String revision(String packageName) {
        return "packages." + packageName + ".v1";
    }

    private static void assertOk(EntityExchangeResult<String> answer) {
        assertThat(answer.getStatus().value()).as(answer.getResponseBody()).isEqualTo(200);
    }

    /** The PACKAGE_REVISION_CHANGED outbox rows of these packages. */
    private List<UUID> outboxEvents(List<String> packages) {
        return probe().events(packages.stream().map(RedisOutageTests::revision).toList());
    }

    private long unpublished(List<UUID> events) {
        return probe().unpublished(events);
    }

    private Map<UUID, Long> entriesOnTheStream(List<UUID> events) {
        return probe().entriesOnTheStream(events);
    }

    private void assertEachOnceOnTheStream(List<UUID> events) {
        assertThat(entriesOnTheStream(events))
                .as("PACKAGE_REVISION_CHANGED entries per event id")
                .hasSize(events.size())
                .allSatisfy((event, count) -> assertThat(count).isEqualTo(1));
    }

    private double relayFailures() {
        return OutboxStreamProbe.relayFailures(meters);
    }

    private OutboxStreamProbe probe() {
        return new OutboxStreamProbe(jdbc, redis, EventDomain.PACKAGE);
    }

    private RestCalls rest() {
        return new RestCalls(client, tokens);
    }
}
