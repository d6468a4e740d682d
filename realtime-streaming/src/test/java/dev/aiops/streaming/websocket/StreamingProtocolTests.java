package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@StreamingIntegrationTest
class StreamingProtocolTests {

    @LocalServerPort
    int port;

    @Autowired
    Tokens tokens;

    @Autowired
    JsonMapper json;

    @Autowired
    EventBus bus;

    @Nested
    class Authentication {

        @Test
        void shouldAcknowledgeWithClientIdWhenFirstMessageCarriesAValidToken() {
            try (WsClient client = WsClient.connect(port, json)) {
                client.send("{\"type\": \"auth\", \"token\": \"" + tokens.token("viewer") + "\"}");

                JsonNode response = client.next();
                assertThat(response.path("type").asString()).isEqualTo("auth_response");
                assertThat(response.path("status").asString()).isEqualTo("ok");
                assertThat(UUID.fromString(response.path("client_id").asString()))
                        .isNotNull();
            }
        }

        @Test
        void shouldSendAuthFailedAndCloseWhenTokenIsForged() {
            // Change the first signature character: the last one may only carry padding bits.
            String token = tokens.token("admin");
            int signature = token.lastIndexOf('.') + 1;
            char replacement = token.charAt(signature) == 'A' ? 'B' : 'A';
            String forged = token.substring(0, signature) + replacement + token.substring(signature + 1);
            try (WsClient client = WsClient.connect(port, json)) {
                client.send("{\"type\": \"auth\", \"token\": \"" + forged + "\"}");

                JsonNode error = client.next();
                assertThat(error.path("type").asString()).isEqualTo("error");
                assertThat(error.path("code").asString()).isEqualTo("AUTH_FAILED");
                assertThat(client.awaitClose()).isEqualTo(1008);
            }
        }

        @Test
        void shouldCloseWithAuthFailedWhenFirstMessageIsNotAuth() {
            try (WsClient client = WsClient.connect(port, json)) {
                client.send("{\"type\": \"ping\", \"timestamp\": 1}");

                assertThat(client.next().path("code").asString()).isEqualTo("AUTH_FAILED");
                assertThat(client.awaitClose()).isEqualTo(1008);
            }
        }
    }

    @Nested
    class Messages {

        @Test
        void shouldAnswerPingWithPongCarryingServerTime() {
            try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
                client.send("{\"type\": \"ping\", \"timestamp\": 1732290000000}");

                JsonNode pong = client.next();
                assertThat(pong.path("type").asString()).isEqualTo("pong");
                assertThat(pong.path("timestamp").asLong()).isEqualTo(1732290000000L);
                assertThat(Instant.parse(pong.path("server_time").asString()))
                        .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
            }
        }

        @Test
        void shouldReportInvalidMessageAndStayOpenWhenJsonIsBroken() {
            try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
                client.send("{not json");

                JsonNode error = client.next();
                assertThat(error.path("type").asString()).isEqualTo("error");
                assertThat(error.path("code").asString()).isEqualTo("INVALID_MESSAGE");
                client.send("{\"type\": \"ping\"}");
                assertThat(client.next().path("type").asString()).isEqualTo("pong");
            }
        }

        @Test
        void shouldCloseWithMessageTooBigWhenClientSendsMoreThan64KiB() {
            try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
                client.send("{\"type\": \"ping\", \"timestamp\": \"" + "x".repeat(70 * 1024) + "\"}");

                assertThat(client.awaitClose()).isEqualTo(1009);
            }
        }

        @Test
        void shouldReportInvalidSubscriptionNamingTheUnknownEventType() {
            try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
                client.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"ALERT_EXPLODED\"]}}");

                JsonNode error = client.next();
                assertThat(error.path("code").asString()).isEqualTo("INVALID_SUBSCRIPTION");
                assertThat(error.path("message").asString()).contains("ALERT_EXPLODED");
            }
        }
    }

    @Nested
    class Events {

        @Test
        void shouldForwardOnlyEventsMatchingTheSubscriptionWhenPublishedOnTheBus() {
            UUID cluster = UUID.randomUUID();
            try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
                client.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"ALERT_FIRED\"],"
                        + " \"cluster_filter\": [\"" + cluster + "\"]}}");
                JsonNode subscribed = client.next();
                assertThat(subscribed.path("type").asString()).isEqualTo("subscribed");
                assertThat(subscribed.at("/subscription/event_types/0").asString())
                        .isEqualTo("ALERT_FIRED");

                // pub/sub may drop what is published before Redis confirms the subscription: publish
                // until one arrives. Other clusters and other types are published first each round,
                // and Redis keeps one connection's messages in order, so a leak would arrive first.
                Optional<JsonNode> received = Optional.empty();
                EventEnvelope<Alert> expected = null;
                for (int round = 0; round < 20 && received.isEmpty(); round++) {
                    bus.notify(alertFired(UUID.randomUUID()));
                    bus.notify(EventEnvelope.of(EventType.ALERT_RESOLVED, "test", cluster, alert(cluster)));
                    expected = alertFired(cluster);
                    bus.notify(expected);
                    received = client.poll(Duration.ofMillis(500));
                }

                assertThat(received).as("an event within 20 rounds").isPresent();
                JsonNode event = received.get();
                assertThat(event.path("type").asString()).isEqualTo("event");
                assertThat(event.path("event_type").asString()).isEqualTo("ALERT_FIRED");
                assertThat(event.path("cluster_id").asString()).isEqualTo(cluster.toString());
                assertThat(event.path("cluster_name").asString()).isEqualTo("edge-paris-01");
                assertThat(event.at("/payload/alertname").asString()).isEqualTo("KubePodCrashLooping");
                assertThat(event.path("timestamp").asString()).isNotBlank();
                assertThat(event.path("event_id").asString()).isNotBlank();
            }
        }

        @Test
        void shouldForwardNothingWhenClientHasNotSubscribed() {
            UUID cluster = UUID.randomUUID();
            try (WsClient subscribed = WsClient.authenticated(port, json, tokens.token("viewer"));
                    WsClient idle = WsClient.authenticated(port, json, tokens.token("viewer"))) {
                subscribed.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": []}}");
                assertThat(subscribed.next().path("type").asString()).isEqualTo("subscribed");

                Optional<JsonNode> seen = Optional.empty();
                for (int round = 0; round < 20 && seen.isEmpty(); round++) {
                    bus.notify(alertFired(cluster));
                    seen = subscribed.poll(Duration.ofMillis(500));
                }

                assertThat(seen).as("the subscribed client got an event").isPresent();
                assertThat(idle.poll(Duration.ofMillis(200))).isEmpty();
            }
        }
    }

    private static EventEnvelope<Alert> alertFired(UUID cluster) {
        return EventEnvelope.of(EventType.ALERT_FIRED, "observability-collector", cluster, alert(cluster));
    }

    private static Alert alert(UUID cluster) {
        return new Alert(
                UUID.randomUUID(),
                "5b3c2e1f9a8d7c6b",
                cluster,
                "edge-paris-01",
                "KubePodCrashLooping",
                AlertSeverity.WARNING,
                AlertState.FIRING,
                Map.of("namespace", "cnf-upf"),
                Map.of(),
                Instant.now(),
                null,
                null);
    }
}
