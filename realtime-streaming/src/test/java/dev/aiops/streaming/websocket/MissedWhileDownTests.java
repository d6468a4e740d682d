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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event published while no replica listens (every replica restarting) is not lost: pub/sub drops it,
 * but its domain stream keeps it and the replica that starts again records it into the history, once.
 * Before the domain streams were recorded, the client below waited in vain for the missed event.
 */
@StreamingIntegrationTest
class MissedWhileDownTests {

    private final String key = "aiops:ws:history-missed-" + UUID.randomUUID();
    private final UUID cluster = UUID.randomUUID();

    @Autowired
    JsonMapper json;

    @Autowired
    Tokens tokens;

    @Autowired
    EventBus bus;

    @Test
    void shouldRecordAnEventPublishedWhileNoReplicaRanAndDeliverItOnceAfterTheRestart() {
        JsonNode before;
        try (ConfigurableApplicationContext replica = startReplica();
                WsClient client = subscribe(replica, null)) {
            bus.publish(registered("before"));
            before = client.next();
            assertThat(before.path("payload").path("cluster_name").asString()).isEqualTo("before");
        }

        // nobody subscribed to the channel: only the stream has it
        bus.publish(registered("while-down"));

        try (ConfigurableApplicationContext replica = startReplica();
                WsClient client = subscribe(replica, before)) {
            JsonNode answer = client.next();
            assertThat(answer.path("type").asString()).isEqualTo("subscribed");
            assertThat(answer.path("recovered").asBoolean()).as("%s", answer).isTrue();

            JsonNode missed = client.next();
            assertThat(missed.path("payload").path("cluster_name").asString()).isEqualTo("while-down");
            assertThat(missed.path("offset").asLong())
                    .isGreaterThan(before.path("offset").asLong());
            assertThat(missed.path("epoch").asString())
                    .isEqualTo(before.path("epoch").asString());

            // both paths carry a live event; it arrives once
            bus.publish(registered("after"));
            JsonNode after = client.next();
            assertThat(after.path("payload").path("cluster_name").asString()).isEqualTo("after");
            assertThat(after.path("offset").asLong())
                    .isGreaterThan(missed.path("offset").asLong());
            bus.publish(registered("last"));
            assertThat(client.next().path("payload").path("cluster_name").asString())
                    .isEqualTo("last");
        }
    }

    private EventEnvelope<Map<String, String>> registered(String name) {
        return EventEnvelope.of(
                EventType.CLUSTER_REGISTERED, "cluster-registry", cluster, Map.of("cluster_name", name));
    }

    private ConfigurableApplicationContext startReplica() {
        return new SpringApplicationBuilder(RealtimeStreamingApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.data.redis.host=" + SharedRedis.get().host(),
                        "--spring.data.redis.port=" + SharedRedis.get().port(),
                        "--aiops.streaming.history.key=" + key,
                        "--logging.structured.format.console=");
    }

    private WsClient subscribe(ConfigurableApplicationContext replica, JsonNode since) {
        int port = Integer.parseInt(replica.getEnvironment().getProperty("local.server.port"));
        WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"));
        String sinceJson = since == null
                ? ""
                : ", \"since\": {\"offset\": " + since.path("offset").asLong() + ", \"epoch\": \""
                        + since.path("epoch").asString() + "\"}";
        client.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"CLUSTER_REGISTERED\"],"
                + " \"cluster_filter\": [\"" + cluster + "\"]}" + sinceJson + "}");
        if (since == null) {
            assertThat(client.next().path("type").asString()).isEqualTo("subscribed");
        }
        return client;
    }
}
