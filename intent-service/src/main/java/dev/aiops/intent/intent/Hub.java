package dev.aiops.intent.intent;

import dev.aiops.intent.intent.TmfIntents.Dialect;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TMF921 hub: listeners registered through {@code POST /hub}, and the notifications owed to them. A
 * notification is written as a {@code hub_delivery} row in the transaction of the intent change it reports
 * (the caller's, hence {@code MANDATORY}), so it exists exactly when the change does; {@link HubRelay}
 * sends it.
 */
@Service
class Hub {

    /** A registered listener, as {@code EventSubscription} shows it. */
    record Subscription(String id, String callback, String query) {}

    private record Listener(UUID id, Set<String> eventTypes, UUID intentId, Dialect dialect) {
        boolean wants(HubEvent event, UUID intent) {
            return (eventTypes.isEmpty() || eventTypes.contains(event.typeIn(dialect)))
                    && (intentId == null || intentId.equals(intent));
        }
    }

    private final JdbcTemplate jdbc;
    private final OutboundUrlGuard urlGuard;
    private final TmfIntents tmf;
    private final IntentRepository intents;
    private final JsonMapper json;

    Hub(JdbcTemplate jdbc, OutboundUrlGuard urlGuard, TmfIntents tmf, IntentRepository intents, JsonMapper json) {
        this.jdbc = jdbc;
        this.urlGuard = urlGuard;
        this.tmf = tmf;
        this.intents = intents;
        this.json = json;
    }

    /**
     * Registers a listener. The callback must be an http(s) URL whose host does not resolve to a denied
     * address (checked again, and pinned, before every notification); the query must be one {@link
     * HubQuery} understands.
     */
    @Transactional
    Subscription register(String callback, String query, Dialect dialect, String user) {
        if (callback == null || callback.isBlank()) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "callback", "must not be blank");
        }
        if (callback.length() > 2048) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "callback", "must be at most 2048 characters");
        }
        if (query != null && query.length() > 1024) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "query", "must be at most 1024 characters");
        }
        var violations = urlGuard.checkForRegistration("callback", callback);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        HubQuery filter = HubQuery.parse(query, dialect);
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into hub_subscription (id, callback, query, event_types, intent_id, dialect, created_by)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                id,
                callback.trim(),
                query,
                filter.eventTypes().isEmpty() ? null : filter.eventTypes().toArray(String[]::new),
                filter.intentId(),
                dialect.name(),
                user);
        return new Subscription(id.toString(), callback.trim(), query);
    }

    /** One listener as it was registered, through either view. */
    @Transactional(readOnly = true)
    Subscription get(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw notFound(id);
        }
        return jdbc
                .query(
                        "select id, callback, query from hub_subscription where id = ?",
                        (rs, row) -> new Subscription(
                                rs.getObject("id", UUID.class).toString(),
                                rs.getString("callback"),
                                rs.getString("query")),
                        uuid)
                .stream()
                .findFirst()
                .orElseThrow(() -> notFound(id));
    }

    /** Removes a listener and whatever was still owed to it. */
    @Transactional
    void unregister(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw notFound(id);
        }
        if (jdbc.update("delete from hub_subscription where id = ?", uuid) == 0) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "No hub subscription with id " + id);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void intentCreated(IntentEntity intent) {
        notify(HubEvent.CREATE, intent.getId(), dialect -> Map.of("intent", tmf.toTmf(intent, dialect)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void attributesChanged(IntentEntity intent) {
        notify(HubEvent.ATTRIBUTE_CHANGE, intent.getId(), dialect -> Map.of("intent", tmf.toTmf(intent, dialect)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void statusChanged(IntentEntity intent) {
        notify(HubEvent.STATUS_CHANGE, intent.getId(), dialect -> Map.of("intent", tmf.toTmf(intent, dialect)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void deleted(IntentEntity intent) {
        notify(HubEvent.DELETE, intent.getId(), dialect -> Map.of("intent", tmf.toTmf(intent, dialect)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void reportCreated(IntentReportEntity report, IntentEntity intent) {
        notify(
                HubEvent.REPORT_CREATE,
                intent.getId(),
                dialect -> Map.of("intentReport", tmf.toTmf(report, intent, dialect)));
    }

    /**
     * One delivery row per interested listener, the event rendered and named once per TMF view (a v4
     * listener gets v4's {@code IntentChangeEvent} for what v5 calls an attribute or a status change). The
     * intent's advisory lock makes the rows of one intent take their sequence numbers in commit order, so the
     * relay's "oldest first" is the order the changes happened in, also when two transactions touch the same
     * intent.
     */
    private void notify(HubEvent eventKind, UUID intentId, Function<Dialect, Object> event) {
        List<Listener> listeners = jdbc
                .query(
                        "select id, event_types, intent_id, dialect from hub_subscription",
                        (rs, i) -> new Listener(
                                rs.getObject("id", UUID.class),
                                types(rs.getArray("event_types")),
                                rs.getObject("intent_id", UUID.class),
                                Dialect.valueOf(rs.getString("dialect"))))
                .stream()
                .filter(listener -> listener.wants(eventKind, intentId))
                .toList();
        if (listeners.isEmpty()) {
            return;
        }
        intents.flush(); // the rendered intent shows the version and dates this change gives it
        jdbc.query(
                "select pg_advisory_xact_lock(?)",
                rs -> null,
                intentId.getMostSignificantBits() ^ intentId.getLeastSignificantBits());
        Instant now = Instant.now();
        Map<Dialect, Object> rendered = new EnumMap<>(Dialect.class);
        for (Listener listener : listeners) {
            UUID eventId = UUID.randomUUID();
            String eventType = eventKind.typeIn(listener.dialect());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("eventId", eventId.toString());
            body.put("eventTime", now.toString());
            body.put("eventType", eventType);
            body.put("correlationId", intentId.toString());
            body.put("domain", "intentManagement");
            body.put("event", rendered.computeIfAbsent(listener.dialect(), event));
            jdbc.update(
                    "insert into hub_delivery (subscription_id, intent_id, event_id, event_type, body)"
                            + " values (?, ?, ?, ?, ?::jsonb)",
                    listener.id(),
                    intentId,
                    eventId,
                    eventType,
                    json.writeValueAsString(body));
        }
    }

    private static Set<String> types(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
