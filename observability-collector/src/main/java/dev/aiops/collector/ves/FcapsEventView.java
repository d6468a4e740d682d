package dev.aiops.collector.ves;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One stored VES event on the platform API. The identifying fields are VES's, in snake_case; {@code event}
 * is the event as accepted, in VES's own camelCase.
 *
 * @param startTime {@code startEpochMicrosec} of the event, as the sender's clock saw it
 * @param receivedAt when the collector accepted it (the {@code since} / {@code until} filters apply to this)
 */
@JsonNaming(SnakeCaseStrategy.class)
public record FcapsEventView(
        String eventId,
        String sourceName,
        String domain,
        String eventName,
        String priority,
        String severity,
        Instant startTime,
        Instant receivedAt,
        Map<String, Object> event) {}
