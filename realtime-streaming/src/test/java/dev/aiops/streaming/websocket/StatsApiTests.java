package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

@StreamingIntegrationTest
class StatsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JsonMapper json;

    @Test
    void shouldCountConnectedAuthenticatedAndSubscribedClientsWhenAsked() {
        try (WsClient socket = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            socket.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"CLUSTER_STATUS_CHANGED\"]}}");
            assertThat(socket.next().path("type").asString()).isEqualTo("subscribed");

            StreamingStats stats = client.get()
                    .uri("/api/v1/streaming/stats")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(StreamingStats.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(stats).isNotNull();
            assertThat(stats.connectedClients()).isGreaterThanOrEqualTo(1);
            assertThat(stats.authenticatedClients()).isGreaterThanOrEqualTo(1);
            assertThat(stats.subscriptions()).isGreaterThanOrEqualTo(1);
        }
    }
}
