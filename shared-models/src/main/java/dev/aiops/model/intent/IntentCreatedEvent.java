package dev.aiops.model.intent;

import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Payload of INTENT_CREATED. The envelope's {@code correlation_id} equals the intent's. */
@JsonNaming(SnakeCaseStrategy.class)
public record IntentCreatedEvent(UUID intentId, String text, StructuredIntent intent) {}
