package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.RealtimeStreamingApplication;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import dev.aiops.testkit.SharedRedis;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas on one Redis, as behind the gateway: both deliver every event to their own clients with
 * the same offset and epoch (one history in Redis), and a client that comes back on the other replica
 * recovers from there what it missed.
 */
@StreamingIntegrationTest
class TwoReplicasTests {

    private static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Tokens tokens;

    @Autowired
    EventBus bus;

    @BeforeAll
    static void startSecondReplica() {
        // arguments, not builder properties: those are defaults, below the platform's own defaults
        second = new SpringApplicationBuilder(RealtimeStreamingApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.data.redis.host=" + SharedRedis.get().host(),
                        "--spring.data.redis.port=" + SharedRedis.get().port(),
                        "--logging.structured.format.console=");
    }

    @AfterAll
    static void stopSecondReplica() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void shouldDeliverEveryEventOnBothReplicasWithTheSameOffset() {
        int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        UUID cluster = UUID.randomUUID();
        String subscribe = "{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"ALERT_FIRED\"],"
                + " \"cluster_filter\": [\"" + cluster + "\"]}";
        JsonNode onFirst;
        JsonNode onSecond;
        try (WsClient a = WsClient.authenticated(port, json, tokens.token("viewer"));
                WsClient b = WsClient.authenticated(secondPort, json, tokens.token("viewer"))) {
            a.send(subscribe + "}");
            b.send(subscribe + "}");
            assertThat(a.next().path("type").asString()).isEqualTo("subscribed");
            assertThat(b.next().path("type").asString()).isEqualTo("subscribed");

            // until both replicas' pub/sub subscriptions are live, an event may reach one or none
            EventEnvelope<Map<String, Object>> event = null;
            Optional<JsonNode> first = Optional.empty();
            Optional<JsonNode> other = Optional.empty();
            for (int round = 0; round < 20 && (first.isEmpty() || other.isEmpty()); round++) {
                event = alert(cluster);
                bus.notify(event);
                first = a.poll(Duration.ofMillis(500));
                other = b.poll(Duration.ofMillis(500));
                if (first.isPresent() != other.isPresent()) {
                    // one replica had it: the other must have it too, from the shared history
                    first = first.isPresent() ? first : Optional.of(a.next());
                    other = other.isPresent() ? other : Optional.of(b.next());
                }
            }
            assertThat(first).isPresent();
            assertThat(other).isPresent();
            onFirst = first.get();
            onSecond = other.get();
            assertThat(onSecond.path("event_id").asString())
                    .isEqualTo(onFirst.path("event_id").asString());
            assertThat(onSecond.path("offset").asLong())
                    .isEqualTo(onFirst.path("offset").asLong());
            assertThat(onSecond.path("epoch").asString())
                    .isEqualTo(onFirst.path("epoch").asString());
            assertThat(onFirst.path("event_id").asString())
                    .isEqualTo(event.eventId().toString());
        }
    }

    @Test
    void shouldRecoverOnTheOtherReplicaWhatWasMissedAfterLeavingTheFirst() {
        int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        UUID cluster = UUID.randomUUID();
        String subscription = "{\"event_types\": [\"ALERT_FIRED\"], \"cluster_filter\": [\"" + cluster + "\"]}";
        JsonNode last;
        try (WsClient a = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            a.send("{\"type\": \"subscribe\", \"subscription\": " + subscription + "}");
            assertThat(a.next().path("type").asString()).isEqualTo("subscribed");
            Optional<JsonNode> received = Optional.empty();
            for (int round = 0; round < 20 && received.isEmpty(); round++) {
                bus.notify(alert(cluster));
                received = a.poll(Duration.ofMillis(500));
            }
            assertThat(received).as("an event on the first replica").isPresent();
            last = received.get();
            for (Optional<JsonNode> more = a.poll(Duration.ofMillis(300));
                    more.isPresent();
                    more = a.poll(Duration.ofMillis(300))) {
                last = more.get();
            }
        }
        // missed while away from both replicas
        EventEnvelope<Map<String, Object>> missedOne = alert(cluster);
        EventEnvelope<Map<String, Object>> missedTwo = alert(cluster);
        bus.notify(missedOne);
        bus.notify(missedTwo);

        long lastOffset = last.path("offset").asLong();
        String since = "{\"offset\": " + lastOffset + ", \"epoch\": \""
                + last.path("epoch").asString() + "\"}";
        try (WsClient b = WsClient.authenticated(secondPort, json, tokens.token("viewer"))) {
            Set<String> ids = new HashSet<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                // the history has both once some replica appended them; until then a subscribe recovers less
                b.send("{\"type\": \"subscribe\", \"subscription\": " + subscription + ", \"since\": " + since + "}");
                JsonNode message = b.next();
                while (!message.path("type").asString().equals("subscribed")) {
                    // recovered by an earlier attempt
                    ids.add(message.path("event_id").asString());
                    message = b.next();
                }
                assertThat(message.path("recovered").asBoolean())
                        .as("recovered on the other replica: %s", message)
                        .isTrue();
                return message.path("offset").asLong() >= lastOffset + 2;
            });
            for (Optional<JsonNode> next = b.poll(Duration.ofMillis(500));
                    next.isPresent();
                    next = b.poll(Duration.ofMillis(500))) {
                ids.add(next.get().path("event_id").asString());
            }
            assertThat(ids)
                    .contains(
                            missedOne.eventId().toString(), missedTwo.eventId().toString());
        }
    }

    private static EventEnvelope<Map<String, Object>> alert(UUID cluster) {
        return EventEnvelope.of(EventType.ALERT_FIRED, "test", cluster, Map.of("cluster_name", "edge"));
    }
}
