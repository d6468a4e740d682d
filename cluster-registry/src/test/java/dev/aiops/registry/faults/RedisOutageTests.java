package dev.aiops.registry.faults;

import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.test.OutboxStreamProbe;
import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.RegistryIntegrationTest;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry's Redis goes away mid-traffic and comes back (docs/RELIABILITY.md, "Redis away"). The registry
 * reads no stream: Redis carries the CLUSTER_* events it owes the platform, written through the outbox in the
 * transaction of each change. So registrations, edits and deletions keep succeeding while Redis is stopped or
 * hung (SIGSTOP), their events wait in the outbox, and once Redis is back each is on the cluster stream: exactly
 * once after a stop; at least once after a hang the relay timed out on, with a consumer behind the platform's
 * ledger acting once on each.
 *
 * <p>Database and Redis of its own (health checks and discovery off, so the clusters' only events are the
 * test's): a cached context of another test class on the shared database would otherwise publish this test's
 * outbox rows to its own Redis.
 */
@RegistryIntegrationTest
class RedisOutageTests {

    static final RedisServerHandle REDIS = RedisServerHandle.startPersistentOnFreePort();
    static final PostgresDatabase DATABASE = SharedPostgres.get()
            .createDatabase(
                    "registry_redis_outage_" + UUID.randomUUID().toString().substring(0, 8));
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void ownRedisAndDatabase(DynamicPropertyRegistry registry) {
        REDIS.register(registry);
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("aiops.registry.health.enabled", () -> "false");
        registry.add("aiops.registry.discovery.enabled", () -> "false");
    }

    @Autowired
    Api api;

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
    void shouldKeepClusterEventsWhileRedisIsStoppedAndPublishEachOnceWhenItIsBack() {
        REDIS.stop();
        List<String> clusters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clusters.add(register("stopped"));
        }
        long version = api.as("viewer")
                .get("/api/v1/clusters/" + clusters.get(0))
                .body()
                .path("version")
                .asLong();
        Response edited = api.as("operator")
                .header("If-Match", "\"" + version + "\"")
                .put(
                        "/api/v1/clusters/" + clusters.get(0),
                        Map.of(
                                "display_name", "Edited while Redis was away",
                                "api_server_url", "http://127.0.0.1:1",
                                "cluster_type", "EDGE",
                                "platform", "KUBERNETES",
                                "environment", "STAGING"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        Response deleted = api.as("admin").delete("/api/v1/clusters/" + clusters.get(1));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        List<UUID> events = probe().events(clusters);
        assertThat(events).as("three registrations, an edit and a deletion").hasSize(5);
        assertThat(probe().unpublished(events))
                .as("every change acknowledged while Redis is stopped has its event waiting in the outbox")
                .isEqualTo(events.size());

        REDIS.start();
        await().atMost(PATIENCE).until(() -> probe().unpublished(events) == 0);
        assertThat(probe().entriesOnTheStream(events))
                .as("CLUSTER_* entries per event id")
                .hasSize(events.size())
                .allSatisfy((event, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void shouldAnswerWhileRedisHangsAndHaveEachEventActedOnOnceAfterItResumes() {
        // the relay has published before, so it holds an open connection when Redis freezes
        List<UUID> before = probe().events(List.of(register("warm")));
        await().atMost(PATIENCE).until(() -> probe().unpublished(before) == 0);
        double failuresBefore = OutboxStreamProbe.relayFailures(meters);
        List<UUID> events;
        REDIS.pause();
        try {
            events = probe().events(List.of(register("hung"), register("hung")));
            assertThat(events).as("one event per registration").hasSize(2);
            // hung long enough for the relay to give up on a batch (command timeout), not merely to wait
            await().atMost(PATIENCE).until(() -> OutboxStreamProbe.relayFailures(meters) > failuresBefore);
            assertThat(probe().unpublished(events))
                    .as("nothing reaches a hung Redis: every event waits in the outbox")
                    .isEqualTo(events.size());
        } finally {
            REDIS.resume();
        }
        await().atMost(PATIENCE).until(() -> probe().unpublished(events) == 0);
        // at least once: a batch the relay gave up on may be carried out by Redis on resuming and sent again
        assertThat(probe().entriesOnTheStream(events))
                .as("CLUSTER_REGISTERED entries per event id")
                .hasSize(events.size());
        assertThat(probe().effectsOfALedgerConsumer(streams, events, PATIENCE))
                .as("effects per event")
                .hasSize(events.size())
                .allSatisfy((event, count) -> assertThat(count).isEqualTo(1));
    }

    /** Registers a cluster as an operator and answers its id. */
    private String register(String prefix) {
        Response created = api.as("operator").post("/api/v1/clusters", cluster(uniqueName(prefix)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.body().path("id").asString();
    }

    private OutboxStreamProbe probe() {
        return new OutboxStreamProbe(jdbc, redis, EventDomain.CLUSTER);
    }
}
