package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.support.RawWebSocket;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-side pings and dead peers, with the ping every second instead of every 30 s (a context of its
 * own: in the shared one a paused client must live long enough to be disconnected as slow instead).
 */
@StreamingIntegrationTest
@TestPropertySource(properties = {"aiops.streaming.ping-interval=1s", "aiops.streaming.pong-timeout=2s"})
class DeadPeerTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Tokens tokens;

    @Autowired
    RestTestClient rest;

    @Test
    void shouldPingAndCloseAPeerThatStopsAnsweringAfterTheHandshake() {
        assertThat(listedClients()).isEmpty(); // also warms the REST path up, which the timing below relies on
        try (RawWebSocket peer = RawWebSocket.connect(port)) {
            peer.sendText("{\"type\": \"auth\", \"token\": \"" + tokens.token("viewer") + "\"}");
            RawWebSocket.Frame answer = peer.read();
            assertThat(answer.opcode()).isEqualTo(RawWebSocket.TEXT);
            String clientId = json.readTree(answer.text()).path("client_id").asString();
            assertThat(listedClients()).contains(clientId);

            // from here on the peer neither reads nor answers: the server must give up on it
            await().atMost(Duration.ofSeconds(20)).until(() -> !listedClients().contains(clientId));

            List<RawWebSocket.Frame> frames = peer.readUntilClosed();
            assertThat(frames).extracting(RawWebSocket.Frame::opcode).contains(RawWebSocket.PING);
            RawWebSocket.Frame last = frames.get(frames.size() - 1);
            assertThat(last.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(last.closeCode()).isEqualTo(4500); // SESSION_NOT_RELIABLE
        }
    }

    @Test
    void shouldKeepAPeerThatAnswersPingsOpenPastSeveralPingIntervals() {
        try (WsClient client = WsClient.authenticated(port, json, tokens.token("viewer"))) {
            // the JDK client answers every ping with a pong by itself, and sends nothing else
            String clientId = listed();
            await().during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(8))
                    .until(() -> listedClients().contains(clientId));
            assertThat(client.isClosed()).isFalse();
        }
    }

    /** The id of the only client listed (the one the test just opened). */
    private String listed() {
        List<String> ids = listedClients();
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private List<String> listedClients() {
        JsonNode clients = json.readTree(rest.get()
                .uri("/api/v1/streaming/clients")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        return clients.valueStream()
                .map(client -> client.path("client_id").asString())
                .toList();
    }
}
