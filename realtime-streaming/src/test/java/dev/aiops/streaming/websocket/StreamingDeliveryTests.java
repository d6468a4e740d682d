package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import dev.aiops.testkit.SharedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real WebSocket clients against the service on real Redis: authentication over time, recovery after a
 * reconnect, and a consumer too slow to keep up. The test profile shortens the timers (auth 1.5 s, slow
 * after 0.5 s).
 */
@StreamingIntegrationTest
class StreamingDeliveryTests {

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

    @Autowired
    SecurityProperties security;

    @Autowired
    RestTestClient rest;

    @Nested
    class Authentication {

        @Test
        void shouldCloseWithAuthFailedWhenSocketDoesNotAuthenticateInTime() {
            try (WsClient client = WsClient.connect(port, json)) {
                JsonNode error = client.next();

                assertThat(error.path("type").asString()).isEqualTo("error");
                assertThat(error.path("code").asString()).isEqualTo("AUTH_FAILED");
                assertThat(client.awaitClose()).isEqualTo(1008);
            }
        }

        @Test
        void shouldSendAuthExpiredAndCloseWhenTokenExpiresDuringConnection() {
            try (WsClient client = WsClient.authenticated(port, json, tokenExpiringIn(Duration.ofSeconds(2)))) {
                JsonNode error = client.next();

                assertThat(error.path("type").asString()).isEqualTo("error");
                assertThat(error.path("code").asString()).isEqualTo("AUTH_EXPIRED");
                assertThat(client.awaitClose()).isEqualTo(1008);
            }
        }

        @Test
        void shouldKeepSocketOpenPastFirstExpiryWhenClientReauthenticatesWithFreshToken() {
            try (WsClient client = WsClient.authenticated(port, json, tokenExpiringIn(Duration.ofSeconds(2)))) {
                client.send("{\"type\": \"auth\", \"token\": \"" + tokens.token("viewer") + "\"}");
                assertThat(client.next().path("type").asString()).isEqualTo("auth_response");

                // past the first token's expiry (2 s) and the monitor's period, nothing arrives
                assertThat(client.poll(Duration.ofSeconds(4))).isEmpty();
                client.send("{\"type\": \"ping\", \"timestamp\": 1}");
                assertThat(client.next().path("type").asString()).isEqualTo("pong");
                assertThat(client.isClosed()).isFalse();
            }
        }
    }

    @Nested
    class Recovery {

        @Test
        void shouldSendExactlyTheMissedMatchingEventsThenLiveOnesWhenReconnectingWithSince() {
            UUID cluster = UUID.randomUUID();
            JsonNode first;
            try (SubscribedClient before = subscribed(cluster, null)) {
                first = firstEvent(before, cluster);
            }
            long offset = first.path("offset").asLong();
            String epoch = first.path("epoch").asString();
            assertThat(offset).isPositive();
            assertThat(epoch).isNotBlank();

            // while the client is away: two it wants, one of another cluster, one of another type
            List<UUID> missed = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                EventEnvelope<Map<String, Object>> event = alert(EventType.ALERT_FIRED, cluster);
                missed.add(event.eventId());
                bus.notify(event);
                bus.notify(alert(EventType.ALERT_FIRED, UUID.randomUUID()));
                bus.notify(alert(EventType.ALERT_RESOLVED, cluster));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> history.position().offset() >= offset + 6);

            try (SubscribedClient after =
                    subscribed(cluster, "{\"offset\": " + offset + ", \"epoch\": \"" + epoch + "\"}")) {
                JsonNode answer = after.lastSubscribed;
                assertThat(answer.path("recovered").asBoolean()).isTrue();
                assertThat(answer.path("epoch").asString()).isEqualTo(epoch);

                JsonNode one = after.next();
                JsonNode two = after.next();
                assertThat(List.of(
                                one.path("event_id").asString(),
                                two.path("event_id").asString()))
                        .containsExactly(missed.get(0).toString(), missed.get(1).toString());
                assertThat(two.path("offset").asLong())
                        .isGreaterThan(one.path("offset").asLong());

                EventEnvelope<Map<String, Object>> live = alert(EventType.ALERT_FIRED, cluster);
                bus.notify(live);
                JsonNode next = after.next();
                assertThat(next.path("event_id").asString())
                        .isEqualTo(live.eventId().toString());
                assertThat(next.path("offset").asLong())
                        .isGreaterThan(two.path("offset").asLong());
                assertThat(after.poll(Duration.ofMillis(300)))
                        .as("no duplicates")
                        .isEmpty();
            }
        }

        @Test
        void shouldAnswerNotRecoveredWhenEpochIsUnknown() {
            UUID cluster = UUID.randomUUID();
            try (SubscribedClient client = subscribed(cluster, "{\"offset\": 1, \"epoch\": \"not-this-one\"}")) {
                assertThat(client.lastSubscribed.path("recovered").asBoolean()).isFalse();
                assertThat(client.lastSubscribed.path("epoch").asString()).isNotEqualTo("not-this-one");
            }
        }

        @Test
        void shouldAnswerNotRecoveredWhenMissedEventsAreNoLongerInTheHistory() {
            UUID cluster = UUID.randomUUID();
            JsonNode first;
            try (SubscribedClient before = subscribed(cluster, null)) {
                first = firstEvent(before, cluster);
            }
            long offset = first.path("offset").asLong();
            for (int i = 0; i < 3; i++) {
                bus.notify(alert(EventType.ALERT_FIRED, cluster));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> history.position().offset() >= offset + 3);
            // the history trimmed past the client's position, as its length or age limit would
            trimBelow(offset + 2);

            try (SubscribedClient after = subscribed(
                    cluster,
                    "{\"offset\": " + offset + ", \"epoch\": \""
                            + first.path("epoch").asString() + "\"}")) {
                assertThat(after.lastSubscribed.path("recovered").asBoolean()).isFalse();
                assertThat(after.poll(Duration.ofMillis(300))).isEmpty();
            }
        }
    }

    @Nested
    class SlowConsumer {

        @Test
        void shouldDropOldestAndThenDisconnectClientThatStopsReading() {
            UUID cluster = UUID.randomUUID();
            long droppedBefore = status().path("messages_dropped").asLong();
            long disconnectsBefore = status().path("slow_disconnects").asLong();
            try (SubscribedClient slow = subscribed(cluster, null)) {
                firstEvent(slow, cluster);
                slow.pause();
                // big events fill the socket buffers quickly; then the server's queue (100) overflows
                String filler = "x".repeat(200_000);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (int i = 0; i < 10; i++) {
                        bus.notify(EventEnvelope.of(
                                EventType.ALERT_FIRED,
                                "test",
                                cluster,
                                Map.of("cluster_name", "edge", "filler", filler)));
                    }
                    return status().path("messages_dropped").asLong() > droppedBefore;
                });

                // still not reading: flagged slow, then disconnected for staying slow (8 s in tests)
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> clientsEndpointShowsSlow()
                                || status().path("slow_disconnects").asLong() > disconnectsBefore);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> status().path("slow_disconnects").asLong() > disconnectsBefore);
                slow.resume();
                // what was queued, then the disconnect, or the connection cut if the close frame
                // could not get through the full buffers in time
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    Optional<JsonNode> message = slow.poll(Duration.ofMillis(50));
                    return slow.isClosed()
                            || message.filter(m -> "disconnect"
                                                    .equals(m.path("type").asString())
                                            && m.path("reconnect_after_ms").asLong() > 0)
                                    .isPresent();
                });
            }
            assertThat(status().path("messages_dropped").asLong()).isGreaterThan(droppedBefore);
        }
    }

    // --- helpers

    /** A client subscribed to ALERT_FIRED of one cluster, optionally with {@code since}. */
    private SubscribedClient subscribed(UUID cluster, String since) {
        SubscribedClient client = new SubscribedClient(WsClient.authenticated(port, json, tokens.token("viewer")));
        client.socket.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"ALERT_FIRED\"],"
                + " \"cluster_filter\": [\"" + cluster + "\"]}" + (since == null ? "" : ", \"since\": " + since)
                + "}");
        client.lastSubscribed = client.socket.next();
        assertThat(client.lastSubscribed.path("type").asString()).isEqualTo("subscribed");
        return client;
    }

    /** Publishes until the first event arrives (pub/sub may miss what precedes its subscription). */
    private JsonNode firstEvent(SubscribedClient client, UUID cluster) {
        Optional<JsonNode> received = Optional.empty();
        for (int round = 0; round < 20 && received.isEmpty(); round++) {
            bus.notify(alert(EventType.ALERT_FIRED, cluster));
            received = client.poll(Duration.ofMillis(500));
        }
        assertThat(received).as("an event within 20 rounds").isPresent();
        // later rounds may still be on their way: take them too, so the caller starts clean
        JsonNode last = received.get();
        for (Optional<JsonNode> more = client.poll(Duration.ofMillis(300));
                more.isPresent();
                more = client.poll(Duration.ofMillis(300))) {
            last = more.get();
        }
        return last;
    }

    private static EventEnvelope<Map<String, Object>> alert(EventType type, UUID cluster) {
        return EventEnvelope.of(
                type, "observability-collector", cluster, Map.of("cluster_name", "edge-paris-01", "alertname", "X"));
    }

    private JsonNode status() {
        return json.readTree(rest.get()
                .uri("/api/v1/streaming/status")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private boolean clientsEndpointShowsSlow() {
        JsonNode clients = json.readTree(rest.get()
                .uri("/api/v1/streaming/clients")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        for (JsonNode client : clients) {
            if (client.path("slow").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static void trimBelow(long offset) {
        RedisClient client = RedisClient.create(SharedRedis.get().uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection
                    .sync()
                    .dispatch(
                            io.lettuce.core.protocol.CommandType.XTRIM,
                            new io.lettuce.core.output.IntegerOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                            new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                                    .addKey("aiops:ws:history")
                                    .add("MINID")
                                    .add(offset + "-0"));
        } finally {
            client.shutdown();
        }
    }

    /** A token like the dev sign-in's but expiring soon: the dev token re-signed with a new expiry. */
    private String tokenExpiringIn(Duration ttl) {
        try {
            SignedJWT issued = SignedJWT.parse(tokens.token("viewer"));
            JWTClaimsSet claims = new JWTClaimsSet.Builder(issued.getJWTClaimsSet())
                    .expirationTime(Date.from(Instant.now().plus(ttl)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(security.devSecretBytes()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A socket and the {@code subscribed} answer it got. */
    private static final class SubscribedClient implements AutoCloseable {

        final WsClient socket;
        JsonNode lastSubscribed;

        SubscribedClient(WsClient socket) {
            this.socket = socket;
        }

        JsonNode next() {
            return socket.next();
        }

        Optional<JsonNode> poll(Duration wait) {
            return socket.poll(wait);
        }

        void pause() {
            socket.pause();
        }

        void resume() {
            socket.resume();
        }

        boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
