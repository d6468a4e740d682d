package dev.aiops.intent.intent;

import dev.aiops.intent.intent.TmfIntents.Dialect;
import java.util.List;

/**
 * The intent changes the hub reports, and what each TMF921 version calls them. The v4.0.1 Swagger (in
 * {@code ../shared/specs/tmf921/}) has one {@code IntentChangeEvent} where v5 tells an attribute change
 * ({@code IntentAttributeValueChangeEvent}) from a status change ({@code IntentStatusChangeEvent}); the other
 * names are the same in both. A listener receives an event at {@code {callback}/listener/<name with a
 * lower-case first letter>}, as both versions' listener paths are spelled ({@code /listener/intentCreateEvent},
 * ...).
 */
enum HubEvent {
    CREATE("IntentCreateEvent", "IntentCreateEvent"),
    ATTRIBUTE_CHANGE("IntentAttributeValueChangeEvent", "IntentChangeEvent"),
    STATUS_CHANGE("IntentStatusChangeEvent", "IntentChangeEvent"),
    DELETE("IntentDeleteEvent", "IntentDeleteEvent"),
    REPORT_CREATE("IntentReportCreateEvent", "IntentReportCreateEvent");

    /**
     * Every event name a listener may filter on per version: the ones above, and the report changes and
     * deletions each version's listener paths name. Reports are never changed or deleted here, so a filter on
     * those is accepted (a TMF client may subscribe to them) and simply never matches.
     */
    private static final List<String> V5_NAMES = List.of(
            "IntentCreateEvent",
            "IntentAttributeValueChangeEvent",
            "IntentStatusChangeEvent",
            "IntentDeleteEvent",
            "IntentReportCreateEvent",
            "IntentReportAttributeValueChangeEvent",
            "IntentReportDeleteEvent");

    private static final List<String> V4_NAMES = List.of(
            "IntentCreateEvent",
            "IntentChangeEvent",
            "IntentDeleteEvent",
            "IntentReportCreateEvent",
            "IntentReportChangeEvent",
            "IntentReportDeleteEvent");

    private final String v5;
    private final String v4;

    HubEvent(String v5, String v4) {
        this.v5 = v5;
        this.v4 = v4;
    }

    /** The event's {@code eventType} for a listener registered through {@code dialect}. */
    String typeIn(Dialect dialect) {
        return dialect == Dialect.V4 ? v4 : v5;
    }

    /** The names {@code dialect}'s listeners may put in a query's {@code eventType}. */
    static List<String> namesIn(Dialect dialect) {
        return dialect == Dialect.V4 ? V4_NAMES : V5_NAMES;
    }

    /** {@code listener/intentCreateEvent} for {@code IntentCreateEvent}: the path below the callback. */
    static String listenerPath(String eventType) {
        return "listener/" + Character.toLowerCase(eventType.charAt(0)) + eventType.substring(1);
    }
}
