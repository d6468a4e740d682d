package dev.aiops.streaming.websocket;

import dev.aiops.model.event.EventEnvelope;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connected clients of this replica and the fan-out to them. Each session is wrapped so that sends
 * from the Redis listener and from the client's own requests never interleave, and a slow client loses
 * its oldest messages instead of holding up the others.
 */
@Component
class Clients {

    private static final Logger log = LoggerFactory.getLogger(Clients.class);

    private final Map<String, Client> bySession = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final StreamingProperties properties;
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong eventsForwarded = new AtomicLong();

    Clients(JsonMapper json, StreamingProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    Client connected(WebSocketSession session) {
        // bigger client messages close the socket (1009) instead of being read into memory
        session.setTextMessageSizeLimit((int) properties.maxMessageSize().toBytes());
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(
                session,
                (int) properties.sendTimeLimit().toMillis(),
                (int) properties.sendBufferSize().toBytes(),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.DROP);
        Client client = new Client(UUID.randomUUID().toString(), safe);
        bySession.put(session.getId(), client);
        return client;
    }

    Client get(WebSocketSession session) {
        return bySession.get(session.getId());
    }

    void disconnected(WebSocketSession session) {
        bySession.remove(session.getId());
    }

    void send(Client client, ServerMessage message) {
        send(client, json.writerFor(ServerMessage.class).writeValueAsString(message));
    }

    /** Sends the message and closes the socket with POLICY_VIOLATION (1008). */
    void reject(Client client, ServerMessage.Error error) {
        send(client, error);
        try {
            client.session().close(CloseStatus.POLICY_VIOLATION.withReason(error.code()));
        } catch (IOException e) {
            log.debug("Closing client {} failed: {}", client.id(), e.toString());
        }
    }

    /** Forwards one platform event to every authenticated client whose subscription matches it. */
    void forward(EventEnvelope<JsonNode> event) {
        eventsReceived.incrementAndGet();
        String text = null;
        for (Client client : bySession.values()) {
            if (client.isAuthenticated() && client.subscription().matches(event)) {
                if (text == null) {
                    text = json.writerFor(ServerMessage.class).writeValueAsString(toMessage(event));
                }
                if (send(client, text)) {
                    eventsForwarded.incrementAndGet();
                }
            }
        }
    }

    StreamingStats stats() {
        Collection<Client> clients = bySession.values();
        return new StreamingStats(
                clients.size(),
                clients.stream().filter(Client::isAuthenticated).count(),
                clients.stream().filter(c -> c.subscription().isActive()).count(),
                eventsReceived.get(),
                eventsForwarded.get());
    }

    private boolean send(Client client, String text) {
        try {
            client.session().sendMessage(new TextMessage(text));
            return true;
        } catch (IOException | IllegalStateException e) {
            log.debug("Sending to client {} failed: {}", client.id(), e.toString());
            return false;
        }
    }

    private static ServerMessage.Event toMessage(EventEnvelope<JsonNode> event) {
        JsonNode payload = event.payload();
        JsonNode clusterName = payload == null ? null : payload.get("cluster_name");
        return new ServerMessage.Event(
                event.eventId(),
                event.eventType(),
                event.clusterId(),
                clusterName != null && clusterName.isString() ? clusterName.asString() : null,
                event.timestamp(),
                payload);
    }

    /** One socket: who it is once authenticated, and what it subscribed to. */
    static final class Client {

        private final String id;
        private final WebSocketSession session;
        private volatile String user;
        private volatile Subscription subscription = Subscription.NONE;

        Client(String id, WebSocketSession session) {
            this.id = id;
            this.session = session;
        }

        String id() {
            return id;
        }

        WebSocketSession session() {
            return session;
        }

        boolean isAuthenticated() {
            return user != null;
        }

        void authenticated(String user) {
            this.user = user;
        }

        Subscription subscription() {
            return subscription;
        }

        void subscription(Subscription subscription) {
            this.subscription = subscription;
        }
    }
}
