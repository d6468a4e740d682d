package dev.aiops.intent.intent;

import dev.aiops.intent.parsing.IntentParser;
import dev.aiops.intent.parsing.ParseOutcome;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.intent.IntentCreatedEvent;
import dev.aiops.model.intent.IntentView;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.web.Pages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Service
class IntentService {

    static final String SOURCE = "intent-service";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final IntentRepository intents;
    private final IntentParser parser;
    private final Outbox outbox;
    private final JsonMapper json;

    IntentService(IntentRepository intents, IntentParser parser, Outbox outbox, JsonMapper json) {
        this.intents = intents;
        this.parser = parser;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Parses the text, stores the intent as {@code acknowledged} and emits INTENT_CREATED (correlation id
     * = intent id) in the same transaction. Text that fits no template is refused, naming {@code text}.
     */
    @Transactional
    IntentView create(String text, String createdBy) {
        ParseOutcome outcome = parser.parse(text);
        if (!outcome.understood()) {
            throw notUnderstood(outcome);
        }
        StructuredIntent parsed = outcome.intent();
        UUID id = UUID.randomUUID();
        StructuredIntent intent = withCorrelationId(parsed, id.toString());
        IntentEntity entity = intents.save(IntentEntity.acknowledged(
                id,
                text,
                intent.intentType(),
                intent.serviceType(),
                json.convertValue(intent, JSON_OBJECT),
                createdBy,
                Instant.now()));
        outbox.add(
                EventEnvelope.of(EventType.INTENT_CREATED, SOURCE, null, new IntentCreatedEvent(id, text, intent))
                        .withCorrelationId(id.toString()),
                id.toString());
        return toView(entity);
    }

    /** A 422 that tells the operator what was understood and what to add, instead of a guessed intent. */
    private static ApiException notUnderstood(ParseOutcome outcome) {
        return new ApiException(
                ErrorCode.INTENT_PARSE_FAILED,
                "text: " + outcome.reason(),
                List.of(new FieldViolation("text", outcome.reason())),
                Map.of(
                        "recognised", outcome.recognised(),
                        "missing", outcome.missing(),
                        "unrecognised", outcome.unrecognised()));
    }

    @Transactional(readOnly = true)
    PagedResponse<IntentView> list(PageQuery paging) {
        return Pages.response(intents.findAll(Pages.pageable(paging, NEWEST_FIRST)), paging, this::toView);
    }

    @Transactional(readOnly = true)
    IntentView get(UUID id) {
        return intents.findById(id).map(this::toView).orElseThrow(() -> IntentNotFoundException.of(id));
    }

    private IntentView toView(IntentEntity entity) {
        return new IntentView(
                entity.getId(),
                entity.getText(),
                json.convertValue(entity.getPayload(), StructuredIntent.class),
                entity.getStatus(),
                entity.getStatusReason(),
                entity.getCreatedAt(),
                entity.getUpdatedAt());
    }

    private static StructuredIntent withCorrelationId(StructuredIntent intent, String correlationId) {
        return new StructuredIntent(
                intent.intentType(),
                intent.serviceType(),
                intent.targetSites(),
                intent.cnfFunctions(),
                intent.replicas(),
                intent.sla(),
                intent.source(),
                correlationId,
                intent.priority(),
                intent.parse(),
                intent.replicasDelta(),
                intent.region());
    }
}
