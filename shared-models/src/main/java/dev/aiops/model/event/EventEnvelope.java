package dev.aiops.model.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The wrapper every event travels in. {@code event_id} makes delivery idempotent: consumers drop an id
 * they have already handled. The payload is the event type's record when published and a JSON tree
 * (or map) when read generically; consumers convert it to the record they expect.
 *
 * @param clusterId the cluster the event is about, or null for fleet-wide events
 * @param correlationId ties together the events of one flow (an intent and what it caused)
 */
@JsonNaming(SnakeCaseStrategy.class)
public record EventEnvelope<P>(
        @NotNull UUID eventId,
        @NotNull EventType eventType,
        @NotBlank String source,
        UUID clusterId,
        @NotNull Instant timestamp,
        String correlationId,
        P payload) {

    public static <P> EventEnvelope<P> of(EventType type, String source, UUID clusterId, P payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type, source, clusterId, Instant.now(), null, payload);
    }

    public EventEnvelope<P> withCorrelationId(String correlationId) {
        return new EventEnvelope<>(eventId, eventType, source, clusterId, timestamp, correlationId, payload);
    }
}
