package dev.aiops.model.observability;

import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Payload of FCAPS_EVENT_RECEIVED: the identifying parts of an accepted VES event, and the event itself.
 * Values are VES's own, verbatim: {@code domain} such as {@code fault}, {@code priority} High | Medium |
 * Normal | Low, {@code severity} (fault events only) CRITICAL | MAJOR | MINOR | WARNING | NORMAL.
 *
 * @param event the whole VES event as accepted ({@code commonEventHeader} and its domain's fields, VES
 *     field names unchanged), so that closed-loop rules can test any field, e.g. {@code
 *     faultFields.alarmCondition}; empty when the sender's event is not carried
 */
@JsonNaming(SnakeCaseStrategy.class)
public record FcapsEventSummary(
        String domain,
        String eventId,
        String eventName,
        String priority,
        String sourceName,
        String severity,
        Map<String, Object> event) {

    public FcapsEventSummary {
        event = event == null ? Map.of() : event;
    }
}
