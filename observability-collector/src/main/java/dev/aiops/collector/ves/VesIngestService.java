package dev.aiops.collector.ves;

import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The listener's pipeline: every event of a request is validated against the Common Event Format schema
 * first, then the senders' rates are checked, and only then is anything stored. A batch is all or
 * nothing: one invalid event refuses the whole batch with every violation listed.
 */
@Service
class VesIngestService {

    /** A batch of invalid events must not produce a response larger than the batch. */
    static final int MAX_VIOLATIONS = 100;

    private final VesSchema schema;
    private final VesRateLimiter limiter;
    private final FcapsEventService events;
    private final VesMetrics metrics;

    VesIngestService(VesSchema schema, VesRateLimiter limiter, FcapsEventService events, VesMetrics metrics) {
        this.schema = schema;
        this.limiter = limiter;
        this.events = events;
        this.metrics = metrics;
    }

    /** {@code {"event": {...}}}. */
    int ingestSingle(JsonNode body) {
        JsonNode event = body == null ? null : body.get("event");
        if (event == null || !event.isObject()) {
            metrics.rejected("malformed", 1);
            throw ApiException.validation(List.of(new FieldViolation("event", "must be a VES event object")));
        }
        return ingest(List.of(event), List.of("event"));
    }

    /** {@code {"eventList": [...]}}. */
    int ingestBatch(JsonNode body) {
        JsonNode list = body == null ? null : body.get("eventList");
        if (list == null || !list.isArray() || list.isEmpty()) {
            metrics.rejected("malformed", 1);
            throw ApiException.validation(
                    List.of(new FieldViolation("eventList", "must be a non-empty array of VES events")));
        }
        List<JsonNode> items = new ArrayList<>(list.size());
        List<String> names = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            items.add(list.get(i));
            names.add("eventList[" + i + "]");
        }
        return ingest(items, names);
    }

    /** Either form, for the platform alias {@code POST /api/v1/fcaps/events}. */
    int ingestEither(JsonNode body) {
        return body != null && body.has("eventList") ? ingestBatch(body) : ingestSingle(body);
    }

    private int ingest(List<JsonNode> items, List<String> names) {
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < items.size() && violations.size() < MAX_VIOLATIONS; i++) {
            violations.addAll(schema.validateEvent(items.get(i), names.get(i)));
        }
        if (!violations.isEmpty()) {
            metrics.rejected("schema", items.size());
            throw ApiException.validation(
                    violations.size() > MAX_VIOLATIONS ? violations.subList(0, MAX_VIOLATIONS) : violations);
        }
        List<AcceptedEvent> accepted = items.stream().map(AcceptedEvent::of).toList();
        Map<String, Integer> bySource = new LinkedHashMap<>();
        accepted.forEach(event -> bySource.merge(event.sourceName(), 1, Integer::sum));
        try {
            limiter.acquire(bySource);
        } catch (VesRateLimitedException e) {
            metrics.rejected("rate_limited", items.size());
            throw e;
        }
        int fresh = events.accept(accepted);
        metrics.received(accepted);
        return fresh;
    }
}
