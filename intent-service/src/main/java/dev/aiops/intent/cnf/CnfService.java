package dev.aiops.intent.cnf;

import dev.aiops.intent.intent.IntentCancelled;
import dev.aiops.intent.planning.Plan;
import dev.aiops.model.cnf.CnfErrorKind;
import dev.aiops.model.cnf.CnfState;
import dev.aiops.model.cnf.CnfStateChangedEvent;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.web.Pages;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Owner of the {@code cnf} tables: every state change goes through {@link #transition}, with history and event. */
@Service
public class CnfService {

    static final String SOURCE = "intent-service";
    /** States that end a deployment attempt, counted by cnf_deployments_total{status}. */
    private static final java.util.Set<CnfState> OUTCOMES =
            java.util.EnumSet.of(CnfState.CONFIGURING, CnfState.ACTIVE, CnfState.FAILED, CnfState.DELETED);

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final CnfRepository cnfs;
    private final CnfHistoryRepository history;
    private final Outbox outbox;
    private final JsonMapper json;
    private final MeterRegistry meters;

    CnfService(CnfRepository cnfs, CnfHistoryRepository history, Outbox outbox, JsonMapper json, MeterRegistry meters) {
        this.meters = meters;
        this.cnfs = cnfs;
        this.history = history;
        this.outbox = outbox;
        this.json = json;
    }

    /** One Pending CNF per planned (function, cluster), in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void createFromPlan(UUID intentId, Plan plan) {
        Instant now = Instant.now();
        for (Plan.Cnf planned : plan.cnfs()) {
            CnfEntity cnf = cnfs.save(CnfEntity.pending(
                    intentId,
                    planned.function(),
                    planned.clusterId(),
                    planned.clusterName(),
                    planned.site(),
                    planned.namespace(),
                    planned.replicas(),
                    json.convertValue(planned.resources(), JSON_OBJECT),
                    now));
            history.save(new CnfHistoryEntity(cnf.getId(), null, CnfState.PENDING, "planned", now));
            event(cnf, null, "planned", null);
        }
    }

    /** Cancelling an intent terminates its CNFs: unfinished ones fail first, as the state machine requires. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void onIntentCancelled(IntentCancelled cancelled) {
        for (CnfEntity cnf : cnfs.findByIntentId(cancelled.intentId())) {
            CnfState state = cnf.getState();
            if (state == CnfState.DELETED || state == CnfState.TERMINATING) {
                continue;
            }
            if (!state.canTransitionTo(CnfState.TERMINATING)) {
                transition(cnf, CnfState.FAILED, "intent cancelled", null);
            }
            transition(cnf, CnfState.TERMINATING, "intent cancelled: " + cancelled.reason(), null);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void transition(CnfEntity cnf, CnfState next, String reason, CnfErrorKind kind) {
        Instant now = Instant.now();
        CnfState previous = cnf.moveTo(next, reason, now);
        if (kind != null) {
            cnf.failed(reason, kind);
        }
        history.save(new CnfHistoryEntity(cnf.getId(), previous, next, reason, now));
        event(cnf, previous, reason, kind);
        if (OUTCOMES.contains(next)) {
            meters.counter("cnf.deployments", "status", next.name(), "function", cnf.getFunction())
                    .increment();
        }
    }

    private void event(CnfEntity cnf, CnfState previous, String reason, CnfErrorKind kind) {
        outbox.add(
                EventEnvelope.of(
                                EventType.CNF_STATE_CHANGED,
                                SOURCE,
                                cnf.getClusterId(),
                                new CnfStateChangedEvent(
                                        cnf.getId(),
                                        cnf.getName(),
                                        cnf.getFunction(),
                                        cnf.getClusterId(),
                                        cnf.getSite(),
                                        previous,
                                        cnf.getState(),
                                        reason,
                                        kind,
                                        cnf.getIntentId()))
                        .withCorrelationId(cnf.getIntentId().toString()),
                cnf.getId().toString());
    }

    @Transactional(readOnly = true)
    PagedResponse<CnfDetails> list(PageQuery paging) {
        return Pages.response(cnfs.findAll(Pages.pageable(paging, NEWEST_FIRST)), paging, this::details);
    }

    @Transactional(readOnly = true)
    CnfDetails get(UUID id) {
        return cnfs.findById(id)
                .map(this::details)
                .orElseThrow(() -> new ApiException(ErrorCode.CNF_NOT_FOUND, "No CNF with id " + id));
    }

    @Transactional(readOnly = true)
    public List<CnfDetails> forIntent(UUID intentId) {
        return cnfs.findByIntentId(intentId).stream().map(this::details).toList();
    }

    private CnfDetails details(CnfEntity cnf) {
        boolean published = cnf.getPackageRevision() != null && cnf.getPackageRevision() > 0;
        List<CnfDetails.Condition> conditions = List.of(
                new CnfDetails.Condition(
                        "PackagePublished",
                        published,
                        published
                                ? cnf.getPackageRevisionName() + " v" + cnf.getPackageRevision()
                                : "package not published yet"),
                new CnfDetails.Condition(
                        "Ready",
                        cnf.getState() == CnfState.ACTIVE,
                        cnf.getReadyReplicas() + "/" + cnf.getReplicas() + " replicas ready"));
        return new CnfDetails(
                cnf.getId(),
                cnf.getName(),
                cnf.getFunction(),
                cnf.getClusterId(),
                cnf.getClusterName(),
                cnf.getSite(),
                cnf.getNamespace(),
                cnf.getState(),
                cnf.getStatusMessage(),
                cnf.getReplicas(),
                cnf.getReadyReplicas(),
                cnf.getIntentId(),
                cnf.getPackageName(),
                cnf.getPackageRevisionName(),
                cnf.getPackageRevision(),
                cnf.getLastError(),
                cnf.getLastErrorKind(),
                conditions,
                history.findByCnfIdOrderByIdAsc(cnf.getId()).stream()
                        .map(h -> new CnfDetails.Transition(h.getFromState(), h.getToState(), h.getReason(), h.getAt()))
                        .toList(),
                cnf.getCreatedAt(),
                cnf.getUpdatedAt());
    }
}
