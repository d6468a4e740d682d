package dev.aiops.streaming.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) on {@code /ws}, collecting what the server sends. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final JsonMapper json;
    private WebSocket socket;
    private volatile boolean paused;

    private WsClient(JsonMapper json) {
        this.json = json;
    }

    public static WsClient connect(int port, JsonMapper json) {
        return connect(URI.create("ws://localhost:" + port + "/ws"), json);
    }

    public static WsClient connect(URI uri, JsonMapper json) {
        return connect(uri, json, WAIT);
    }

    /** With a longer handshake bound, e.g. the first request through a gateway that has just started. */
    public static WsClient connect(URI uri, JsonMapper json, Duration handshake) {
        WsClient client = new WsClient(json);
        client.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(handshake)
                .buildAsync(uri, client)
                .join();
        return client;
    }

    /** Connects and authenticates, failing unless the server acknowledges. */
    public static WsClient authenticated(int port, JsonMapper json, String token) {
        WsClient client = connect(port, json);
        client.send("{\"type\": \"auth\", \"token\": \"" + token + "\"}");
        JsonNode response = client.next();
        if (!"auth_response".equals(response.path("type").asString())) {
            throw new AssertionError("expected auth_response, got " + response);
        }
        return client;
    }

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next message, failing after a bounded wait. */
    public JsonNode next() {
        return poll(WAIT).orElseThrow(() -> new AssertionError("no message within " + WAIT));
    }

    public Optional<JsonNode> poll(Duration wait) {
        try {
            String text = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(text).map(json::readTree);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Messages received and not yet taken with {@link #next} or {@link #poll}. */
    public int pending() {
        return received.size();
    }

    /**
     * Stops reading from the socket: the JDK client then stops taking bytes off the connection, so the
     * server's writes back up as they would for a slow consumer.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        socket.request(1);
    }

    /** True once the socket is closed, by a close frame or by the connection going away. */
    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** The close code the server sent, failing after a bounded wait. */
    public int awaitClose() {
        return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }
}
