package dev.aiops.model.observability;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Payload of FCAPS_EVENT_RECEIVED: the identifying parts of an accepted VES event. Values are VES's own,
 * verbatim: {@code domain} such as {@code fault}, {@code priority} High | Medium | Normal | Low,
 * {@code severity} (fault events only) CRITICAL | MAJOR | MINOR | WARNING | NORMAL.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record FcapsEventSummary(
        String domain, String eventId, String eventName, String priority, String sourceName, String severity) {}
