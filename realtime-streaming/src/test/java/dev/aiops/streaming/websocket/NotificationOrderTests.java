package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A burst of notifications, published as fast as one Redis connection takes them, reaches a WebSocket
 * subscriber complete, in publication order, with strictly increasing offsets, and without a thread per
 * notification: Redis pub/sub is dispatched on one ordered thread and appended to the history in that
 * order.
 *
 * <p>A context of its own, so that the burst is about ordering only: a client queue and a history
 * larger than the burst (the defaults of 100 and 10,000 would drop or trim some of it on a loaded machine,
 * which the drop-oldest tests cover), slow-client limits no loaded machine reaches, and a history key of
 * its own (the shared test context trims the default key to 50 entries); the sign-in gets a minute, as the
 * test profile's 1.5 s is too short for a machine busy with other builds.
 */
@StreamingIntegrationTest
@TestPropertySource(
        properties = {
            "aiops.streaming.auth-timeout=1m",
            "aiops.streaming.queue-capacity=10000",
            "aiops.streaming.slow-after=5m",
            "aiops.streaming.disconnect-slow-after=5m",
            "aiops.streaming.history.max-length=100000",
            "aiops.streaming.history.key=aiops:ws:history:notification-order"
        })
class NotificationOrderTests {

    private static final int BURST = 3_000;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Tokens tokens;

    @Autowired
    EventBus bus;

    @Test
    void shouldDeliverABurstOfNotificationsInPublicationOrderWithIncreasingOffsetsAndNoThreadPerNotification() {
        UUID cluster = UUID.randomUUID();
        try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            client.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"ALERT_FIRED\"],"
                    + " \"cluster_filter\": [\"" + cluster + "\"]}}");
            assertThat(client.next().path("type").asString()).isEqualTo("subscribed");
            long startOffset = drainWarmUp(client, cluster);

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long startedBefore = threads.getTotalStartedThreadCount();
            List<String> published = new ArrayList<>(BURST);
            for (int i = 0; i < BURST; i++) {
                EventEnvelope<Map<String, Object>> event = EventEnvelope.of(
                        EventType.ALERT_FIRED,
                        "observability-collector",
                        cluster,
                        Map.of("cluster_name", "edge-paris-01", "alertname", "Burst", "sequence", i));
                published.add(event.eventId().toString());
                bus.notify(event);
            }

            List<String> received = new ArrayList<>(BURST);
            List<Long> offsets = new ArrayList<>(BURST);
            List<Integer> sequences = new ArrayList<>(BURST);
            while (received.size() < BURST) {
                JsonNode event = client.next();
                assertThat(event.path("type").asString()).isEqualTo("event");
                received.add(event.path("event_id").asString());
                offsets.add(event.path("offset").asLong());
                sequences.add(event.path("payload").path("sequence").asInt(-1));
            }
            long startedDuring = threads.getTotalStartedThreadCount() - startedBefore;

            assertThat(received).as("every event, in publication order").containsExactlyElementsOf(published);
            assertThat(sequences).as("payloads in publication order").isSorted().doesNotHaveDuplicates();
            assertThat(offsets.get(0)).isGreaterThan(startOffset);
            for (int i = 1; i < offsets.size(); i++) {
                assertThat(offsets.get(i))
                        .as("offset of event %d after %d", i, offsets.get(i - 1))
                        .isGreaterThan(offsets.get(i - 1));
            }
            assertThat(client.poll(Duration.ofMillis(300))).as("no duplicates").isEmpty();
            // a thread per notification would start BURST of them (times the contexts listening); the few
            // here are the JVM's and the HTTP client's own pools growing
            assertThat(startedDuring)
                    .as("threads started while %d notifications were handled", BURST)
                    .isLessThan(BURST / 30);
        }
    }

    /**
     * The service subscribes to Redis at start-up; publishes until one arrives, then takes whatever else of
     * the warm-up is still on its way, so the burst starts on a clean socket. Returns the last offset seen.
     */
    private long drainWarmUp(WsClient client, UUID cluster) {
        Optional<JsonNode> received = Optional.empty();
        for (int round = 0; round < 20 && received.isEmpty(); round++) {
            bus.notify(EventEnvelope.of(
                    EventType.ALERT_FIRED,
                    "observability-collector",
                    cluster,
                    Map.of("cluster_name", "edge-paris-01", "alertname", "WarmUp")));
            received = client.poll(Duration.ofMillis(500));
        }
        assertThat(received).as("a warm-up event within 20 rounds").isPresent();
        JsonNode last = received.get();
        for (Optional<JsonNode> more = client.poll(Duration.ofMillis(500));
                more.isPresent();
                more = client.poll(Duration.ofMillis(500))) {
            last = more.get();
        }
        assertThat(last.path("payload").path("alertname").asString()).isEqualTo("WarmUp");
        return last.path("offset").asLong();
    }
}
