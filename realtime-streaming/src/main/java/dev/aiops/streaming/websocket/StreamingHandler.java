package dev.aiops.streaming.websocket;

import dev.aiops.model.event.EventType;
import dev.aiops.streaming.websocket.TokenAuthenticator.AuthenticationFailed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws} protocol. The handshake is open (browsers cannot send an Authorization header on it),
 * so the first message must be {@code auth} with a token; anything else closes the socket. Then
 * {@code subscribe} / {@code unsubscribe} shape what the client receives and {@code ping} is answered
 * with {@code pong}. Malformed messages get an {@code error} and the socket stays open.
 */
@Component
class StreamingHandler extends TextWebSocketHandler {

    static final String AUTH_FAILED = Clients.AUTH_FAILED;
    static final String INVALID_MESSAGE = "INVALID_MESSAGE";
    static final String INVALID_SUBSCRIPTION = "INVALID_SUBSCRIPTION";

    private static final Logger log = LoggerFactory.getLogger(StreamingHandler.class);

    private final Clients clients;
    private final TokenAuthenticator authenticator;
    private final JsonMapper json;

    StreamingHandler(Clients clients, TokenAuthenticator authenticator, JsonMapper json) {
        this.clients = clients;
        this.authenticator = authenticator;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        clients.connected(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        clients.disconnected(session);
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Client client = clients.get(session);
        if (client != null) {
            client.heard();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage text) {
        Client client = clients.get(session);
        if (client == null) {
            return; // closed meanwhile
        }
        client.heard();
        ClientMessage message;
        try {
            message = json.readValue(text.getPayload(), ClientMessage.class);
        } catch (JacksonException e) {
            clients.send(client, error(INVALID_MESSAGE, describe(e)));
            return;
        }
        if (message instanceof ClientMessage.Auth auth) {
            authenticate(client, auth);
        } else if (!client.isAuthenticated()) {
            clients.reject(client, error(AUTH_FAILED, "The first message must be auth"));
        } else if (message instanceof ClientMessage.Subscribe subscribe) {
            subscribe(client, subscribe.subscription(), subscribe.since());
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            unsubscribe(client, unsubscribe);
        } else if (message instanceof ClientMessage.Ping ping) {
            clients.send(client, new ServerMessage.Pong(ping.timestamp(), Instant.now()));
        }
    }

    private void authenticate(Client client, ClientMessage.Auth auth) {
        TokenAuthenticator.Identity identity;
        try {
            identity = authenticator.authenticate(auth.token());
        } catch (AuthenticationFailed e) {
            clients.reject(client, error(AUTH_FAILED, e.getMessage()));
            return;
        }
        if (client.isAuthenticated() && !client.user().equals(identity.user())) {
            // a refresh extends this user's connection; another user opens a socket of their own
            clients.reject(client, error(AUTH_FAILED, "A fresh token must be for the same user"));
            return;
        }
        client.authenticated(identity.user(), identity.expiresAt());
        log.debug("Client {} authenticated as {} until {}", client.id(), identity.user(), identity.expiresAt());
        clients.send(client, new ServerMessage.AuthResponse("ok", client.id()));
    }

    private void subscribe(Client client, ClientMessage.SubscriptionRequest request, ClientMessage.Since since) {
        if (request == null) {
            clients.send(client, error(INVALID_SUBSCRIPTION, "subscription is required"));
            return;
        }
        List<EventType> types = eventTypes(client, request.eventTypes());
        if (types == null) {
            return;
        }
        Subscription next = client.subscription().plus(types, request.clusterFilter(), request.namespaceFilter());
        // applied inside the client's queue lock, so that no live event overtakes the answer (or the missed ones)
        if (since != null) {
            clients.subscribeSince(client, next, since);
        } else {
            clients.subscribe(client, next);
        }
    }

    private void unsubscribe(Client client, ClientMessage.Unsubscribe request) {
        List<EventType> types = eventTypes(client, request.eventTypes());
        if (types != null) {
            client.subscription(client.subscription().minus(types));
            clients.send(
                    client, new ServerMessage.Unsubscribed(client.subscription().view()));
        }
    }

    /** The named event types, or null after telling the client which name is unknown. */
    private List<EventType> eventTypes(Client client, List<String> names) {
        List<EventType> types = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            try {
                types.add(EventType.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                clients.send(client, error(INVALID_SUBSCRIPTION, "Unknown event type: " + name));
                return null;
            }
        }
        return types;
    }

    private static ServerMessage.Error error(String code, String message) {
        return new ServerMessage.Error(code, message);
    }

    /** A reason the client can act on, without parser internals. */
    private static String describe(JacksonException e) {
        if (e instanceof tools.jackson.databind.exc.InvalidTypeIdException) {
            return "Unknown or missing message type";
        }
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "Unknown field: " + unknown.getPropertyName();
        }
        if (e instanceof tools.jackson.core.exc.StreamReadException) {
            return "The message is not valid JSON";
        }
        return "The message does not match the protocol";
    }
}
