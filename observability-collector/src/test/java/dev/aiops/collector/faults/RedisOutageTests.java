package dev.aiops.collector.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.test.RestCalls;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.RedisServerHandle;
import dev.aiops.testkit.SharedPostgres;
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
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The collector's Redis goes away and comes back (docs/RELIABILITY.md, "Redis away"). The collector consumes
 * no stream (its cluster listener is pub/sub, a cache refresh); what it owes the platform are the events of
 * what it ingests, written through its outbox. Alerts taken from Alertmanager while Redis is stopped are
 * acknowledged (stored with their event), and once Redis is back each event is on the alert stream once.
 *
 * <p>Database and Redis of its own: a cached context of another test class on the shared database would
 * otherwise publish this test's outbox rows to its own Redis.
 */
@CollectorIntegrationTest
class RedisOutageTests {

    static final RedisServerHandle REDIS = RedisServerHandle.startOnFreePort();
    static final PostgresDatabase DATABASE = SharedPostgres.get()
            .createDatabase(
                    "collector_redis_outage_" + UUID.randomUUID().toString().substring(0, 8));
    static final Duration PATIENCE = Duration.ofSeconds(60);

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
    StringRedisTemplate redis;

    @AfterEach
    void redisBack() {
        REDIS.start();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void shouldAcknowledgeAlertsWhileRedisIsDownAndPublishEachEventOnceWhenItIsBack() {
        REDIS.stop();
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            EntityExchangeResult<String> answer = webhook(fingerprint);
            assertThat(answer.getStatus().value()).as(answer.getResponseBody()).isEqualTo(200);
            fingerprints.add(fingerprint);
        }
        assertThat(unpublished(fingerprints))
                .as("each acknowledged alert's ALERT_FIRED waits in the outbox")
                .isEqualTo(fingerprints.size());

        REDIS.start();
        await().atMost(PATIENCE).until(() -> unpublished(fingerprints) == 0);
        Map<String, Long> onTheStream =
                redis.opsForStream().range(EventDomain.ALERT.stream(), Range.unbounded()).stream()
                        .map(entry -> String.valueOf(entry.getValue().get("envelope")))
                        .flatMap(envelope -> fingerprints.stream().filter(envelope::contains))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(onTheStream)
                .as("ALERT_FIRED entries per alert")
                .hasSize(fingerprints.size())
                .allSatisfy((fingerprint, entries) -> assertThat(entries).isEqualTo(1));
    }

    private long unpublished(List<String> fingerprints) {
        return jdbc.queryForObject(
                "select count(*) from outbox_event where event_type = 'ALERT_FIRED' and published_at is null"
                        + " and aggregate_id = any(?)",
                Long.class,
                (Object) fingerprints.toArray(String[]::new));
    }

    private EntityExchangeResult<String> webhook(String fingerprint) {
        return new RestCalls(client, tokens)
                .call("operator", HttpMethod.POST, "/api/v1/alerts/webhook", AlertmanagerWebhooks.firing(fingerprint));
    }
}
