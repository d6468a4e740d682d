package dev.aiops.streaming.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.aiops.model.event.EventType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** What the service sends on {@code /ws}; {@code type} names the message. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ServerMessage.AuthResponse.class),
    @JsonSubTypes.Type(ServerMessage.Subscribed.class),
    @JsonSubTypes.Type(ServerMessage.Unsubscribed.class),
    @JsonSubTypes.Type(ServerMessage.Pong.class),
    @JsonSubTypes.Type(ServerMessage.Event.class),
    @JsonSubTypes.Type(ServerMessage.Error.class),
    @JsonSubTypes.Type(ServerMessage.Disconnect.class)
})
sealed interface ServerMessage {

    @JsonTypeName("auth_response")
    @JsonNaming(SnakeCaseStrategy.class)
    record AuthResponse(String status, String clientId) implements ServerMessage {}

    /**
     * {@code epoch} and {@code offset}: the history's position now, to store and send back as
     * {@code since} after a reconnect. {@code recovered} only when the subscribe carried {@code since}:
     * true when exactly the missed events follow, false when they are no longer all kept (or the epoch
     * changed) and the client should fetch the current state instead.
     */
    @JsonTypeName("subscribed")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Subscribed(SubscriptionView subscription, String epoch, Long offset, Boolean recovered)
            implements ServerMessage {}

    @JsonTypeName("unsubscribed")
    record Unsubscribed(SubscriptionView subscription) implements ServerMessage {}

    @JsonTypeName("pong")
    @JsonNaming(SnakeCaseStrategy.class)
    record Pong(JsonNode timestamp, Instant serverTime) implements ServerMessage {}

    @JsonTypeName("event")
    @JsonNaming(SnakeCaseStrategy.class)
    record Event(
            UUID eventId,
            EventType eventType,
            UUID clusterId,
            String clusterName,
            Instant timestamp,
            long offset,
            String epoch,
            JsonNode payload)
            implements ServerMessage {}

    /** {@code code}: AUTH_FAILED, AUTH_EXPIRED, INVALID_MESSAGE, INVALID_SUBSCRIPTION, ... */
    @JsonTypeName("error")
    record Error(String code, String message) implements ServerMessage {}

    /** Sent before the server closes a socket the client should open again later. */
    @JsonTypeName("disconnect")
    @JsonNaming(SnakeCaseStrategy.class)
    record Disconnect(String reason, long reconnectAfterMs) implements ServerMessage {}

    @JsonNaming(SnakeCaseStrategy.class)
    record SubscriptionView(List<EventType> eventTypes, List<String> clusterFilter, List<String> namespaceFilter) {}
}
