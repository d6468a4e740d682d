package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ordering edge of recovery: a client subscribes with {@code since} while events of its stream keep
 * being published. Whatever it receives must be exactly the history's entries for its filter after its
 * position, in offset order, none twice, none missing: compared with the history itself (offsets are
 * shared by every event, so the client's are contiguous within its filter, not as numbers).
 */
@StreamingIntegrationTest
class ResubscribeOrderingTests {

    /** One event every 20 ms: enough to always have some in flight, slow enough for the test history (50). */
    private static final long PUBLISH_EVERY_MILLIS = 20;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Tokens tokens;

    @Autowired
    EventBus bus;

    @Autowired
    EventHistory history;

    private final UUID cluster = UUID.randomUUID();
    private final AtomicLong published = new AtomicLong();
    private ScheduledExecutorService publisher;

    @BeforeEach
    void publishContinuously() {
        publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(
                () -> bus.notify(EventEnvelope.of(
                        EventType.ALERT_FIRED,
                        "observability-collector",
                        cluster,
                        Map.of("cluster_name", "edge-ordering", "seq", published.incrementAndGet()))),
                0,
                PUBLISH_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stopPublishing() {
        publisher.shutdownNow();
    }

    @Test
    void shouldReceiveMissedThenLiveEventsInOrderWhenReconnectingWithSinceWhilePublishing() {
        JsonNode last;
        try (WsClient first = subscribe(null)) {
            last = last(events(first, 5));
        }
        for (int round = 0; round < 3; round++) {
            long since = last.path("offset").asLong();
            try (WsClient again = subscribe(last)) {
                List<JsonNode> received = events(again, 20);
                assertThat(received.get(0).path("offset").asLong()).isGreaterThan(since);
                assertExactlyTheHistoryBetween(since, received);
                last = last(received);
            }
        }
    }

    @Test
    void shouldNotRepeatEventsAlreadyOnTheirWayWhenResubscribingOnTheSameSocket() {
        try (WsClient client = subscribe(null)) {
            JsonNode seen = last(events(client, 3));
            // events keep arriving that the test has not taken yet: the socket is busy when it re-subscribes
            await().atMost(Duration.ofSeconds(10)).until(() -> client.pending() >= 3);
            long since = seen.path("offset").asLong();
            client.send(subscribeMessage(seen));

            List<JsonNode> received = new ArrayList<>();
            boolean answered = false;
            while (!answered || received.size() < 20 + 3) {
                JsonNode message = client.next();
                if ("subscribed".equals(message.path("type").asString())) {
                    assertThat(message.path("recovered").asBoolean()).isTrue();
                    answered = true;
                } else {
                    assertThat(message.path("type").asString()).isEqualTo("event");
                    received.add(message);
                }
            }
            assertExactlyTheHistoryBetween(since, received);
        }
    }

    /** The history's events of this test's cluster after {@code since}, up to the last received: all, in order. */
    private void assertExactlyTheHistoryBetween(long since, List<JsonNode> received) {
        long lastOffset = last(received).path("offset").asLong();
        List<Long> expected = history.after(since, 100_000).stream()
                .filter(entry -> entry.offset() <= lastOffset)
                .filter(entry -> cluster.toString()
                        .equals(json.readTree(entry.envelopeJson())
                                .path("cluster_id")
                                .asString()))
                .map(EventHistory.Entry::offset)
                .toList();
        assertThat(received.stream().map(event -> event.path("offset").asLong()))
                .as("offsets received after %d", since)
                .containsExactlyElementsOf(expected);
    }

    /** A new socket subscribed to this test's cluster, from {@code lastSeen} on if given. */
    private WsClient subscribe(JsonNode lastSeen) {
        WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"));
        client.send(subscribeMessage(lastSeen));
        JsonNode answer = client.next();
        assertThat(answer.path("type").asString()).isEqualTo("subscribed");
        if (lastSeen != null) {
            assertThat(answer.path("recovered").asBoolean())
                    .as("recovered, answer %s", answer)
                    .isTrue();
        }
        return client;
    }

    private String subscribeMessage(JsonNode lastSeen) {
        String since = lastSeen == null
                ? ""
                : ", \"since\": {\"offset\": " + lastSeen.path("offset").asLong() + ", \"epoch\": \""
                        + lastSeen.path("epoch").asString() + "\"}";
        return "{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"ALERT_FIRED\"], \"cluster_filter\": [\""
                + cluster + "\"]}" + since + "}";
    }

    private static JsonNode last(List<JsonNode> list) {
        return list.get(list.size() - 1);
    }

    private static List<JsonNode> events(WsClient client, int count) {
        List<JsonNode> events = new ArrayList<>();
        while (events.size() < count) {
            JsonNode message = client.next();
            assertThat(message.path("type").asString()).isEqualTo("event");
            events.add(message);
        }
        return events;
    }
}
