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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operator's side of the hub: who is subscribed to what, an admin's broadcast, and the metrics. */
@StreamingIntegrationTest
class StreamingOperationsTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Tokens tokens;

    @Autowired
    EventBus bus;

    @Autowired
    RestTestClient rest;

    @Autowired
    StreamingProperties properties;

    @Test
    void shouldListEachSubscribedSocketWithItsFiltersAndLeaveOutUnsubscribedOnes() {
        UUID cluster = UUID.randomUUID();
        try (WsClient subscribed = WsClient.authenticated(port, json, tokens.token("viewer"));
                WsClient idle = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            subscribed.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"ALERT_FIRED\"],"
                    + " \"cluster_filter\": [\"" + cluster + "\"], \"namespace_filter\": [\"ran\"]}}");
            assertThat(subscribed.next().path("type").asString()).isEqualTo("subscribed");

            JsonNode mine = subscriptions()
                    .valueStream()
                    .filter(entry -> entry.path("subscription")
                            .path("cluster_filter")
                            .toString()
                            .contains(cluster.toString()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the subscribed socket is not listed"));
            assertThat(mine.path("client_id").asString()).isNotBlank();
            assertThat(mine.path("subscription").path("event_types").get(0).asString())
                    .isEqualTo("ALERT_FIRED");
            assertThat(mine.path("subscription").path("namespace_filter").get(0).asString())
                    .isEqualTo("ran");
            // the idle socket is open and authenticated, but not subscribed: not listed
            assertThat(subscriptions().size()).isLessThan(clients().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "operator"})
    void shouldRefuseBroadcastWithForbiddenWhenCallerIsNotAdmin(String role) {
        rest.post()
                .uri("/api/v1/streaming/broadcast")
                .headers(tokens.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"event_type\": \"CLUSTER_STATUS_CHANGED\", \"payload\": {\"message\": \"x\"}}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldRejectBroadcastWithoutEventTypeNamingTheField() {
        rest.post()
                .uri("/api/v1/streaming/broadcast")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"payload\": {\"message\": \"x\"}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("event_type"));
    }

    @Test
    void shouldDeliverAnAdminBroadcastToConnectedSubscribers() {
        UUID cluster = UUID.randomUUID();
        try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            client.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"CLUSTER_STATUS_CHANGED\"],"
                    + " \"cluster_filter\": [\"" + cluster + "\"]}}");
            assertThat(client.next().path("type").asString()).isEqualTo("subscribed");

            String eventId = json.readTree(rest.post()
                            .uri("/api/v1/streaming/broadcast")
                            .headers(tokens.as("admin"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .body("{\"event_type\": \"CLUSTER_STATUS_CHANGED\", \"cluster_id\": \"" + cluster
                                    + "\", \"payload\": {\"message\": \"maintenance at 22:00\"}}")
                            .exchange()
                            .expectStatus()
                            .isAccepted()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .path("event_id")
                    .asString();

            JsonNode event = client.next();
            assertThat(event.path("type").asString()).isEqualTo("event");
            assertThat(event.path("event_id").asString()).isEqualTo(eventId);
            assertThat(event.path("payload").path("message").asString()).isEqualTo("maintenance at 22:00");
        }
    }

    @Test
    void shouldPingEveryThirtySecondsByDefault() {
        // the shared test profile leaves the ping alone; DeadPeerTests runs it every second
        assertThat(properties.pingInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldExposeConnectionsSubscriptionsEventsDropsRecoveriesAndLatencyAfterRealTraffic() {
        String before = prometheus();
        UUID cluster = UUID.randomUUID();
        String subscribe = "{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"ALERT_FIRED\"],"
                + " \"cluster_filter\": [\"" + cluster + "\"]}";
        JsonNode seen;
        try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            client.send(subscribe + "}");
            assertThat(client.next().path("type").asString()).isEqualTo("subscribed");
            String during = prometheus();
            assertThat(value(during, "aiops_streaming_connections")).isGreaterThanOrEqualTo(1);
            assertThat(value(during, "aiops_streaming_subscriptions")).isGreaterThanOrEqualTo(1);
            seen = firstEvent(client, cluster);
        }
        // a recovery: one missed event, then a reconnect with since
        bus.notify(alert(cluster, "x"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> json.readTree(status()).path("offset").asLong()
                        > seen.path("offset").asLong());
        try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            client.send(subscribe + ", \"since\": {\"offset\": "
                    + seen.path("offset").asLong() + ", \"epoch\": \""
                    + seen.path("epoch").asString() + "\"}}");
            JsonNode answer = client.next();
            assertThat(answer.path("recovered").asBoolean())
                    .as("%s after %s", answer, seen)
                    .isTrue();
            assertThat(client.next().path("type").asString()).isEqualTo("event");
        }
        // drops: a socket that stops reading while big events pile up
        try (WsClient slow = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            slow.send(subscribe + "}");
            assertThat(slow.next().path("type").asString()).isEqualTo("subscribed");
            slow.pause();
            String filler = "x".repeat(200_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (int i = 0; i < 10; i++) {
                    bus.notify(alert(cluster, filler));
                }
                return value(prometheus(), "aiops_streaming_messages_dropped_total")
                        > value(before, "aiops_streaming_messages_dropped_total");
            });
        }

        String after = prometheus();
        for (String counter : new String[] {
            "aiops_streaming_events_received_total",
            "aiops_streaming_events_sent_total",
            "aiops_streaming_messages_dropped_total",
            "aiops_streaming_delivery_latency_seconds_count"
        }) {
            assertThat(value(after, counter)).as(counter).isGreaterThan(value(before, counter));
        }
        assertThat(value(after, "aiops_streaming_recoveries_total", "recovered=\"true\""))
                .isGreaterThan(value(before, "aiops_streaming_recoveries_total", "recovered=\"true\""));
        // a histogram, so percentiles can be computed across replicas
        assertThat(after).contains("aiops_streaming_delivery_latency_seconds_bucket{");
    }

    // --- helpers

    private JsonNode firstEvent(WsClient client, UUID cluster) {
        Optional<JsonNode> received = Optional.empty();
        for (int round = 0; round < 20 && received.isEmpty(); round++) {
            bus.notify(alert(cluster, "x"));
            received = client.poll(Duration.ofMillis(500));
        }
        assertThat(received).as("an event within 20 rounds").isPresent();
        JsonNode last = received.get();
        for (Optional<JsonNode> more = client.poll(Duration.ofMillis(300));
                more.isPresent();
                more = client.poll(Duration.ofMillis(300))) {
            last = more.get();
        }
        return last;
    }

    private static EventEnvelope<Map<String, Object>> alert(UUID cluster, String filler) {
        return EventEnvelope.of(
                EventType.ALERT_FIRED,
                "observability-collector",
                cluster,
                Map.of("cluster_name", "edge-metrics", "filler", filler));
    }

    /** The sum of every series of {@code name}. */
    static double value(String exposition, String name) {
        return value(exposition, name, "");
    }

    /** The sum of the series of {@code name} whose labels contain {@code label}. */
    static double value(String exposition, String name, String label) {
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
                .matcher(exposition);
        double sum = 0;
        while (series.find()) {
            if (label.isEmpty() || (series.group(1) != null && series.group(1).contains(label))) {
                sum += Double.parseDouble(series.group(2));
            }
        }
        return sum;
    }

    private String prometheus() {
        return rest.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String status() {
        return get("/api/v1/streaming/status");
    }

    private JsonNode subscriptions() {
        return json.readTree(get("/api/v1/streaming/subscriptions"));
    }

    private JsonNode clients() {
        return json.readTree(get("/api/v1/streaming/clients"));
    }

    private String get(String path) {
        return rest.get()
                .uri(path)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
