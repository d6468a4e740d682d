package dev.aiops.collector.ves;

import tools.jackson.databind.JsonNode;

/**
 * A schema-valid VES event and the header fields the store indexes. {@code severity} is VES's own
 * (faultFields / thresholdCrossingAlertFields {@code eventSeverity}), null for other domains.
 */
record AcceptedEvent(
        String sourceName,
        String eventId,
        String domain,
        String eventName,
        String priority,
        String severity,
        long startEpochMicrosec,
        Integer heartbeatIntervalSeconds,
        JsonNode event) {

    static AcceptedEvent of(JsonNode event) {
        JsonNode header = event.path("commonEventHeader");
        String domain = header.path("domain").asString();
        String severity = null;
        if (event.path("faultFields").has("eventSeverity")) {
            severity = event.path("faultFields").path("eventSeverity").asString();
        } else if (event.path("thresholdCrossingAlertFields").has("eventSeverity")) {
            severity = event.path("thresholdCrossingAlertFields")
                    .path("eventSeverity")
                    .asString();
        }
        Integer heartbeat = "heartbeat".equals(domain)
                        && event.path("heartbeatFields")
                                .path("heartbeatInterval")
                                .isIntegralNumber()
                ? event.path("heartbeatFields").path("heartbeatInterval").asInt()
                : null;
        return new AcceptedEvent(
                header.path("sourceName").asString(),
                header.path("eventId").asString(),
                domain,
                header.path("eventName").asString(),
                header.path("priority").asString(),
                severity,
                header.path("startEpochMicrosec").asLong(),
                heartbeat,
                event);
    }

    /** The idempotency key of the issue: a sender's eventId is unique per sourceName only. */
    String key() {
        return sourceName + "\n" + eventId;
    }
}
