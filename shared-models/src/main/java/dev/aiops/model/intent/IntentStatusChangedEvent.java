package dev.aiops.model.intent;

import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Payload of INTENT_STATUS_CHANGED; {@code old_status} is null for the first status. */
@JsonNaming(SnakeCaseStrategy.class)
public record IntentStatusChangedEvent(
        UUID intentId, IntentLifecycleStatus oldStatus, IntentLifecycleStatus newStatus, String reason) {}
