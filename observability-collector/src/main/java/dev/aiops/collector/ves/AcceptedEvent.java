package dev.aiops.collector.ves;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * A schema-valid VES event and the header fields the store indexes. {@code severity} is VES's own
 * (faultFields / thresholdCrossingAlertFields {@code eventSeverity}), null for other domains.
 *
 * <p>The event is serialized once, here: {@code json} is what the store writes, and {@code members} holds
 * the same serialized top-level members for the stream's envelope, which copies them as they are instead
 * of converting and serializing the event a second time.
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
        JsonNode event,
        String json,
        Map<String, Object> members) {

    // serializes the parsed nodes only, which no mapper setting changes
    private static final JsonMapper NODES = JsonMapper.shared();

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
        Map<String, Object> members = new LinkedHashMap<>();
        StringBuilder serialized = new StringBuilder(1024).append('{');
        for (Map.Entry<String, JsonNode> member : event.properties()) {
            String value = NODES.writeValueAsString(member.getValue());
            members.put(member.getKey(), new RawValue(value));
            if (serialized.length() > 1) {
                serialized.append(',');
            }
            appendName(serialized, member.getKey()).append(':').append(value);
        }
        serialized.append('}');
        return new AcceptedEvent(
                header.path("sourceName").asString(),
                header.path("eventId").asString(),
                domain,
                header.path("eventName").asString(),
                header.path("priority").asString(),
                severity,
                header.path("startEpochMicrosec").asLong(),
                heartbeat,
                event,
                serialized.toString(),
                Collections.unmodifiableMap(members));
    }

    // VES member names are plain identifiers: quoted as they are, without a JSON generator per name
    private static StringBuilder appendName(StringBuilder out, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return out.append(NODES.writeValueAsString(name)); // anything else: escaped by Jackson
            }
        }
        return out.append('"').append(name).append('"');
    }

    /** The idempotency key of the issue: a sender's eventId is unique per sourceName only. */
    String key() {
        return sourceName + "\n" + eventId;
    }
}
