package dev.aiops.model.intent;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An intent as the platform API returns it: the text it came from (null when raised by the planner or a
 * rule), its structured form and where it is in its life. The same intent is visible through TMF921
 * under the same id.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record IntentView(
        UUID id,
        String text,
        StructuredIntent intent,
        IntentLifecycleStatus status,
        String statusReason,
        Instant createdAt,
        Instant updatedAt) {}
