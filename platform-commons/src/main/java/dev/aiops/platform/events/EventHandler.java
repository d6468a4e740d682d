package dev.aiops.platform.events;

import dev.aiops.model.event.EventEnvelope;
import tools.jackson.databind.JsonNode;

/** Handles one event from a stream. Throwing leaves the event pending, so it is retried. */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope<JsonNode> event) throws Exception;
}
