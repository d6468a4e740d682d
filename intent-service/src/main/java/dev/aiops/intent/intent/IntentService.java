package dev.aiops.intent.intent;

import dev.aiops.intent.parsing.IntentParser;
import dev.aiops.intent.parsing.ParseOutcome;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.intent.IntentCreatedEvent;
import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.intent.IntentStatusChangedEvent;
import dev.aiops.model.intent.IntentView;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.web.Pages;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner of the {@code intent} and {@code intent_report} tables. The plain API and both TMF921 views
 * go through it, so an intent looks the same whichever door it came in by.
 */
@Service
class IntentService implements IntentLifecycle, RaisedIntents {

    static final String SOURCE = "intent-service";
    static final String STAGE_PARSED = "parsed";
    static final String STAGE_CANCELLED = "cancelled";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final Set<IntentLifecycleStatus> FINAL =
            EnumSet.of(IntentLifecycleStatus.CANCELLED, IntentLifecycleStatus.FAILED);

    private final IntentRepository intents;
    private final IntentReportRepository reports;
    private final IntentParser parser;
    private final Outbox outbox;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final IntentMetrics metrics;
    private final Hub hub;

    IntentService(
            IntentRepository intents,
            IntentReportRepository reports,
            IntentParser parser,
            Outbox outbox,
            JsonMapper json,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            IntentMetrics metrics,
            Hub hub) {
        this.hub = hub;
        this.events = events;
        this.metrics = metrics;
        this.intents = intents;
        this.reports = reports;
        this.parser = parser;
        this.outbox = outbox;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
    }

    /** What a caller asks for: text to parse, or an already structured intent (TMF expression). */
    record CreateCommand(
            String text,
            StructuredIntent structured,
            String name,
            String description,
            String idempotencyKey,
            String createdBy) {}

    /**
     * Stores the intent as {@code acknowledged} with its first report ({@code parsed}) and emits
     * INTENT_CREATED and INTENT_STATUS_CHANGED (correlation id = intent id) in the same transaction.
     * Text that is not understood is refused with 422. The same {@code Idempotency-Key} from the same
     * caller returns the intent the first request created, even when both requests race.
     */
    IntentEntity create(CreateCommand command) {
        if (command.idempotencyKey() != null) {
            var existing = intents.findByCreatedByAndIdempotencyKey(command.createdBy(), command.idempotencyKey());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        // parsed before the transaction: a parser may ask an LLM for seconds, and a pooled database connection
        // held meanwhile is one the API and the pipeline wait for
        CreateCommand parsed = command.structured() != null
                ? command
                : new CreateCommand(
                        command.text(),
                        parse(command.text()),
                        command.name(),
                        command.description(),
                        command.idempotencyKey(),
                        command.createdBy());
        try {
            return tx.execute(status -> insert(parsed));
        } catch (DataIntegrityViolationException raced) {
            if (command.idempotencyKey() == null) {
                throw raced;
            }
            return intents.findByCreatedByAndIdempotencyKey(command.createdBy(), command.idempotencyKey())
                    .orElseThrow(() -> raced);
        }
    }

    @Override
    public UUID raise(StructuredIntent intent, String name, String text, String raisedBy) {
        return tx.execute(status -> insert(new CreateCommand(text, intent, name, text, null, raisedBy), true))
                .getId();
    }

    private IntentEntity insert(CreateCommand command) {
        return insert(command, false);
    }

    /** The structured intent of the text, or 422 naming what was recognised and what was missing. */
    private StructuredIntent parse(String text) {
        Timer.Sample parsing = metrics.start();
        ParseOutcome outcome = parser.parse(text);
        metrics.stop(parsing, IntentMetrics.Stage.PARSE);
        if (!outcome.understood()) {
            throw notUnderstood(outcome);
        }
        return outcome.intent();
    }

    /** {@code keepCorrelation}: a raised intent keeps its triggering event as correlation id. */
    private IntentEntity insert(CreateCommand command, boolean keepCorrelation) {
        StructuredIntent parsed = command.structured() != null ? command.structured() : parse(command.text());
        UUID id = UUID.randomUUID();
        StructuredIntent intent =
                keepCorrelation && parsed.correlationId() != null ? parsed : withCorrelationId(parsed, id.toString());
        Instant now = Instant.now();
        String name = command.name() != null ? command.name() : defaultName(intent, id);
        IntentEntity entity = intents.saveAndFlush(IntentEntity.acknowledged(
                id,
                command.text(),
                intent.intentType(),
                intent.serviceType(),
                json.convertValue(intent, JSON_OBJECT),
                command.createdBy(),
                name,
                command.description() != null ? command.description() : command.text(),
                command.idempotencyKey(),
                now));
        hub.intentCreated(entity);
        events.publishEvent(new IntentAcknowledged(entity.getId()));
        report(entity, STAGE_PARSED, "Understood as " + json.writeValueAsString(intent), Map.of("intent", intent));
        outbox.add(
                EventEnvelope.of(
                                EventType.INTENT_CREATED,
                                SOURCE,
                                null,
                                new IntentCreatedEvent(id, command.text(), intent))
                        .withCorrelationId(id.toString()),
                id.toString());
        statusEvent(entity, null, "created");
        return entity;
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

    /**
     * Moves the intent to {@code next} and records the stage as a report, with INTENT_STATUS_CHANGED in
     * the same transaction. A cancelled or failed intent stays so.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> claimNextToPlan() {
        Optional<UUID> claimed = intents.claimNextToPlan();
        claimed.flatMap(intents::findById)
                .ifPresent(intent -> metrics.record(
                        IntentMetrics.Stage.QUEUE, java.time.Duration.between(intent.getCreatedAt(), Instant.now())));
        return claimed;
    }

    @Override
    @Transactional
    public void reportOnce(UUID id, String stage, String reason, Map<String, Object> details) {
        IntentEntity entity = intents.findById(id).orElseThrow(() -> IntentNotFoundException.of(id));
        if (!reports.existsByIntentIdAndStage(id, stage)) {
            report(entity, stage, reason, details);
        }
    }

    @Override
    @Transactional
    public void changeStatus(
            UUID id, IntentLifecycleStatus next, String stage, String reason, Map<String, Object> details) {
        IntentEntity entity = intents.findById(id).orElseThrow(() -> IntentNotFoundException.of(id));
        if (FINAL.contains(entity.getStatus()) && entity.getStatus() != next) {
            return;
        }
        IntentLifecycleStatus previous = entity.getStatus();
        if (previous != next) {
            entity.moveTo(next, reason, Instant.now());
            statusEvent(entity, previous, reason);
        }
        report(entity, stage, reason, details);
    }

    @Override
    @Transactional
    public void recordPlan(UUID id, Map<String, Object> plan) {
        intents.findById(id).orElseThrow(() -> IntentNotFoundException.of(id)).recordPlan(plan, Instant.now());
    }

    /** Cancels: the intent ends {@code cancelled}; what was deployed for it is undone by its listeners. */
    @Transactional
    IntentEntity cancel(UUID id, String reason) {
        return cancel(id, reason, false);
    }

    /**
     * TMF DELETE: cancels (the intent stays readable as {@code cancelled}) and notifies hub listeners with
     * IntentDeleteEvent; an intent already cancelled is left as it is, without a second notification.
     */
    @Transactional
    IntentEntity delete(UUID id, String reason) {
        return cancel(id, reason, true);
    }

    private IntentEntity cancel(UUID id, String reason, boolean deleted) {
        IntentEntity entity = intents.lockById(id).orElseThrow(() -> IntentNotFoundException.of(id));
        if (entity.getStatus() != IntentLifecycleStatus.CANCELLED) {
            IntentLifecycleStatus previous = entity.moveTo(IntentLifecycleStatus.CANCELLED, reason, Instant.now());
            statusEvent(entity, previous, reason);
            report(entity, STAGE_CANCELLED, reason, Map.of());
            if (deleted) {
                hub.deleted(entity);
            }
            events.publishEvent(new IntentCancelled(id, reason));
        }
        return entity;
    }

    @Transactional
    IntentEntity rename(UUID id, String name, String description) {
        IntentEntity entity = intents.lockById(id).orElseThrow(() -> IntentNotFoundException.of(id));
        boolean changed = (name != null && !name.equals(entity.getName()))
                || (description != null && !description.equals(entity.getDescription()));
        entity.rename(name, description, Instant.now());
        if (changed) {
            hub.attributesChanged(entity);
        }
        return entity;
    }

    @Transactional(readOnly = true)
    PagedResponse<IntentView> list(PageQuery paging) {
        return Pages.response(intents.findAll(Pages.pageable(paging, NEWEST_FIRST)), paging, this::toView);
    }

    /** TMF paging: {@code offset} items skipped, at most {@code limit} returned, newest first. */
    @Transactional(readOnly = true)
    List<IntentEntity> slice(int offset, int limit) {
        return intents.slice(offset, limit);
    }

    @Transactional(readOnly = true)
    long count() {
        return intents.count();
    }

    @Transactional(readOnly = true)
    IntentView get(UUID id) {
        return toView(entity(id));
    }

    @Transactional(readOnly = true)
    IntentEntity entity(UUID id) {
        return intents.findById(id).orElseThrow(() -> IntentNotFoundException.of(id));
    }

    @Override
    @Transactional(readOnly = true)
    public StructuredIntent structured(UUID id) {
        return json.convertValue(entity(id).getPayload(), StructuredIntent.class);
    }

    @Transactional(readOnly = true)
    List<IntentReportEntity> reports(UUID intentId) {
        entity(intentId);
        return reports.findByIntentIdOrderByCreatedAtAscIdAsc(intentId);
    }

    IntentView toView(IntentEntity entity) {
        return new IntentView(
                entity.getId(),
                entity.getText(),
                json.convertValue(entity.getPayload(), StructuredIntent.class),
                entity.getStatus(),
                entity.getStatusReason(),
                entity.getCreatedAt(),
                entity.getUpdatedAt());
    }

    private void report(IntentEntity entity, String stage, String description, Map<String, Object> details) {
        Map<String, Object> expression = new LinkedHashMap<>();
        expression.put("stage", stage);
        expression.put("lifecycle_status", json.convertValue(entity.getStatus(), String.class));
        if (description != null) {
            expression.put("reason", description);
        }
        if (details != null) {
            details.forEach((key, value) -> expression.put(key, json.convertValue(value, Object.class)));
        }
        IntentReportEntity report =
                reports.save(new IntentReportEntity(entity.getId(), stage, description, expression, Instant.now()));
        hub.reportCreated(report, entity);
    }

    private void statusEvent(IntentEntity entity, IntentLifecycleStatus previous, String reason) {
        if (previous != null) { // creation is IntentCreateEvent for hub listeners
            hub.statusChanged(entity);
        }
        metrics.reached(entity.getStatus(), entity.getIntentType());
        outbox.add(
                EventEnvelope.of(
                                EventType.INTENT_STATUS_CHANGED,
                                SOURCE,
                                null,
                                new IntentStatusChangedEvent(entity.getId(), previous, entity.getStatus(), reason))
                        .withCorrelationId(entity.getId().toString()),
                entity.getId().toString());
    }

    private static String defaultName(StructuredIntent intent, UUID id) {
        return intent.intentType().name().toLowerCase(java.util.Locale.ROOT) + "-"
                + id.toString().substring(0, 8);
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
