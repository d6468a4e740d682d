package dev.aiops.streaming.websocket;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a client may send on {@code /ws}, told apart by {@code type}. To add a message: a record here, a
 * {@code @JsonSubTypes} entry, and a branch in {@link StreamingHandler}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientMessage.Auth.class, name = "auth"),
    @JsonSubTypes.Type(value = ClientMessage.Subscribe.class, name = "subscribe"),
    @JsonSubTypes.Type(value = ClientMessage.Unsubscribe.class, name = "unsubscribe"),
    @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping")
})
sealed interface ClientMessage {

    /**
     * Must be the first message: a bearer token the service's {@code JwtDecoder} accepts. Sent again
     * later with a fresh token (same user) it extends the connection past the first token's expiry.
     */
    record Auth(String token) implements ClientMessage {}

    /**
     * Adds event types (none = all) and sets the filters given; a filter left out keeps its value. With
     * {@code since} (the {@code offset} and {@code epoch} of the last event the client saw) the events
     * missed since then come first.
     */
    record Subscribe(SubscriptionRequest subscription, Since since) implements ClientMessage {}

    record Since(long offset, String epoch) {}

    /** Removes event types (none = all). */
    @JsonNaming(SnakeCaseStrategy.class)
    record Unsubscribe(List<String> eventTypes) implements ClientMessage {}

    /** {@code timestamp} is the client's, echoed back in the pong whatever its format. */
    record Ping(JsonNode timestamp) implements ClientMessage {}

    /**
     * @param clusterFilter cluster ids; events about other clusters are not sent (fleet-wide events are)
     * @param namespaceFilter namespaces, matched against the payload's {@code namespace} or
     *     {@code labels.namespace}
     */
    @JsonNaming(SnakeCaseStrategy.class)
    record SubscriptionRequest(List<String> eventTypes, List<String> clusterFilter, List<String> namespaceFilter) {}
}
