package dev.aiops.intent.intent;

import dev.aiops.intent.intent.TmfIntents.Dialect;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code query} of a hub registration, as TMF filters notifications: {@code eventType=A,B} (a comma
 * list, or the key repeated) keeps those event types, named as the registering view names them ({@link
 * HubEvent#namesIn}: a v4 listener asks for {@code IntentChangeEvent}, a v5 one for {@code
 * IntentStatusChangeEvent} and/or {@code IntentAttributeValueChangeEvent}), {@code event.intent.id=<id>} (or
 * {@code intentId}) keeps one intent's notifications; terms are joined with {@code &}. Anything else is refused rather than
 * silently ignored, so a listener never believes it filtered when it did not.
 *
 * @param eventTypes the types kept, in the registering view's names; empty = all
 * @param intentId the intent kept; null = all
 */
record HubQuery(Set<String> eventTypes, UUID intentId) {

    static HubQuery parse(String query, Dialect dialect) {
        Set<String> types = new LinkedHashSet<>();
        UUID intent = null;
        if (query == null || query.isBlank()) {
            return new HubQuery(Set.of(), null);
        }
        for (String term : query.trim().split("&")) {
            if (term.isBlank()) {
                continue;
            }
            int eq = term.indexOf('=');
            if (eq < 0) {
                throw invalid("'" + term.trim() + "' is not key=value");
            }
            String key = decode(term.substring(0, eq)).trim();
            String value = decode(term.substring(eq + 1)).trim();
            switch (key) {
                case "eventType" -> {
                    for (String type : value.split(",")) {
                        String t = type.trim();
                        if (!HubEvent.namesIn(dialect).contains(t)) {
                            throw invalid("eventType '" + t + "' is not a TMF921 "
                                    + dialect.name().toLowerCase() + " event; one of "
                                    + String.join(", ", HubEvent.namesIn(dialect)));
                        }
                        types.add(t);
                    }
                }
                case "event.intent.id", "intentId" -> {
                    try {
                        intent = UUID.fromString(value);
                    } catch (IllegalArgumentException e) {
                        throw invalid(key + " must be an intent id");
                    }
                }
                default -> throw invalid("'" + key + "' cannot be filtered on; supported: eventType, event.intent.id");
            }
        }
        return new HubQuery(Set.copyOf(types), intent);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("is not URL-encoded correctly");
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "query", message);
    }
}
