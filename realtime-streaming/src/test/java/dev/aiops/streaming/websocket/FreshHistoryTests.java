package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.RealtimeStreamingApplication;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import dev.aiops.testkit.SharedRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The very first events of a history (a fresh Redis, as in a new deployment or an end-to-end run): a
 * replica started before the history existed delivers every one of them live, with the epoch they were
 * recorded under. It used to send the first with no epoch and skip those that followed it until its next
 * read, which lost e.g. the first CLUSTER_REGISTERED of a fresh platform.
 */
@StreamingIntegrationTest
class FreshHistoryTests {

    private static ConfigurableApplicationContext replica;
    private static final String KEY = "aiops:ws:history-fresh-" + UUID.randomUUID();

    @Autowired
    JsonMapper json;

    @Autowired
    Tokens tokens;

    @Autowired
    EventBus bus;

    @BeforeAll
    static void startReplicaOnAHistoryThatDoesNotExistYet() {
        replica = new SpringApplicationBuilder(RealtimeStreamingApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.data.redis.host=" + SharedRedis.get().host(),
                        "--spring.data.redis.port=" + SharedRedis.get().port(),
                        "--aiops.streaming.history.key=" + KEY,
                        "--logging.structured.format.console=");
    }

    @AfterAll
    static void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void shouldDeliverEveryFirstEventWithItsEpochWhenTheHistoryIsCreatedWhileClientsWait() {
        int port = Integer.parseInt(replica.getEnvironment().getProperty("local.server.port"));
        UUID cluster = UUID.randomUUID();
        try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            client.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"CLUSTER_REGISTERED\"],"
                    + " \"cluster_filter\": [\"" + cluster + "\"]}}");
            JsonNode answer = client.next();
            assertThat(answer.path("type").asString()).isEqualTo("subscribed");
            assertThat(answer.has("epoch")).as("no history yet: %s", answer).isFalse();

            // a burst, as a registry's outbox relay sends a batch
            for (int i = 0; i < 30; i++) {
                bus.notify(EventEnvelope.of(
                        EventType.CLUSTER_REGISTERED, "cluster-registry", cluster, Map.of("cluster_name", "c" + i)));
            }
            List<JsonNode> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                events.add(client.next());
            }
            assertThat(events)
                    .extracting(event -> event.path("offset").asLong())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 30).boxed().toList());
            String epoch = events.get(0).path("epoch").asString();
            assertThat(epoch).isNotBlank();
            assertThat(events)
                    .allSatisfy(
                            event -> assertThat(event.path("epoch").asString()).isEqualTo(epoch));
        }
    }
}
