package dev.aiops.intent.cnf;

import dev.aiops.intent.intent.IntentCancelled;
import dev.aiops.intent.planning.Plan;
import dev.aiops.model.cnf.CnfErrorKind;
import dev.aiops.model.cnf.CnfState;
import dev.aiops.model.cnf.CnfStateChangedEvent;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
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
import org.springframework.data.jpa.domain.Specification;
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
    private final org.springframework.context.ApplicationEventPublisher events;

    /** Published with every CNF created or moved: after the commit, the worker looks at once (see CnfWorker). */
    record WorkDue() {}

    private static final WorkDue WORK_DUE = new WorkDue();

    CnfService(
            CnfRepository cnfs,
            CnfHistoryRepository history,
            Outbox outbox,
            JsonMapper json,
            MeterRegistry meters,
            org.springframework.context.ApplicationEventPublisher events) {
        this.meters = meters;
        this.events = events;
        this.cnfs = cnfs;
        this.history = history;
        this.outbox = outbox;
        this.json = json;
    }

    /** One Pending CNF per planned (function, cluster), in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void createFromPlan(UUID intentId, Plan plan) {
        for (Plan.Cnf planned : plan.cnfs()) {
            create(intentId, planned, null, "planned");
        }
    }

    /**
     * Plans the replacement of a CNF on another cluster (a migration): a new Pending CNF of {@code intentId}
     * that, once Active, terminates {@code replaced}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CnfDetails createReplacement(UUID intentId, Plan.Cnf planned, UUID replaced) {
        return details(create(intentId, planned, replaced, "planned to replace CNF " + replaced));
    }

    private CnfEntity create(UUID intentId, Plan.Cnf planned, UUID replaced, String reason) {
        Instant now = Instant.now();
        CnfEntity cnf = cnfs.save(CnfEntity.pending(
                        intentId,
                        planned.function(),
                        planned.clusterId(),
                        planned.clusterName(),
                        planned.site(),
                        planned.namespace(),
                        planned.replicas(),
                        json.convertValue(planned.resources(), JSON_OBJECT),
                        now)
                .labelled(planned.labels(), replaced));
        history.save(new CnfHistoryEntity(cnf.getId(), null, CnfState.PENDING, reason, now));
        event(cnf, null, reason, null);
        events.publishEvent(WORK_DUE);
        return cnf;
    }

    /** A migration's new CNF is Active: the one it replaces goes (through Failed when it cannot go directly). */
    private void retireReplaced(CnfEntity replacement) {
        cnfs.findById(replacement.getReplacesCnfId()).ifPresent(old -> {
            CnfState state = old.getState();
            if (state == CnfState.DELETED || state == CnfState.TERMINATING) {
                return;
            }
            String reason = "replaced by CNF " + replacement.getId() + " on " + replacement.getClusterName();
            if (!state.canTransitionTo(CnfState.TERMINATING)) {
                transition(old, CnfState.FAILED, reason, null);
            }
            transition(old, CnfState.TERMINATING, reason, null);
        });
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

    /**
     * Scales a CNF: Active → Scaling, and a new package revision with {@code replicas} in deployment.yaml is
     * made by the worker; the health monitor brings it back to Active. Also used by scaling intents.
     *
     * @param intentId the scaling intent asking for it, or null for the API
     */
    @Transactional
    public CnfDetails scale(UUID id, Integer replicas, UUID intentId) {
        if (replicas == null || replicas < 1 || replicas > Plan.MAX_REPLICAS) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED, "replicas", "must be between 1 and " + Plan.MAX_REPLICAS);
        }
        CnfEntity cnf = live(id);
        requireMove(cnf, CnfState.SCALING);
        String reason = "scaling from " + cnf.getReplicas() + " to " + replicas + " replicas";
        cnf.requestChange(replicas, null, false, intentId);
        transition(cnf, CnfState.SCALING, reason, null);
        return details(cnf);
    }

    /** Updates a CNF's container requests and limits: Active → Updating, through a new package revision. */
    @Transactional
    public CnfDetails update(UUID id, Plan.Resources resources) {
        List<FieldViolation> violations = new java.util.ArrayList<>();
        if (resources == null
                || (resources.cpu() == null
                        && resources.cpuLimit() == null
                        && resources.memory() == null
                        && resources.memoryLimit() == null)) {
            violations.add(
                    new FieldViolation("resources", "give at least one of cpu, cpu_limit, memory, memory_limit"));
        } else {
            quantity(violations, "resources.cpu", resources.cpu());
            quantity(violations, "resources.cpu_limit", resources.cpuLimit());
            quantity(violations, "resources.memory", resources.memory());
            quantity(violations, "resources.memory_limit", resources.memoryLimit());
        }
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        CnfEntity cnf = live(id);
        requireMove(cnf, CnfState.UPDATING);
        Map<String, Object> merged = new java.util.LinkedHashMap<>(cnf.getResources());
        json.convertValue(resources, JSON_OBJECT).forEach((key, value) -> {
            if (value != null) {
                merged.put(key, value);
            }
        });
        cnf.requestChange(null, merged, false, null);
        transition(cnf, CnfState.UPDATING, "updating resources to " + merged, null);
        return details(cnf);
    }

    /**
     * Heals a Degraded CNF: Degraded → Healing, and a new revision whose pod template carries a restart
     * annotation, so Kubernetes replaces every pod. The health monitor makes it Active once ready again.
     */
    @Transactional
    public CnfDetails heal(UUID id, UUID intentId) {
        CnfEntity cnf = live(id);
        requireMove(cnf, CnfState.HEALING);
        cnf.requestChange(null, null, true, intentId);
        transition(cnf, CnfState.HEALING, "restarting its pods through a new package revision", null);
        return details(cnf);
    }

    /**
     * A healing intent for a CNF its cluster still reports Active (a fault seen elsewhere, an alarm): the
     * lifecycle has no Active → Healing, so its pods are restarted as an update, Active → Updating → Active.
     */
    @Transactional
    public CnfDetails restart(UUID id, UUID intentId) {
        CnfEntity cnf = live(id);
        requireMove(cnf, CnfState.UPDATING);
        cnf.requestChange(null, null, true, intentId);
        transition(cnf, CnfState.UPDATING, "healing intent: restarting its pods through a new package revision", null);
        return details(cnf);
    }

    /** Deletes a CNF: Active (or Failed) → Terminating; the worker proposes its package for deletion. */
    @Transactional
    public CnfDetails delete(UUID id) {
        CnfEntity cnf = live(id);
        requireMove(cnf, CnfState.TERMINATING);
        transition(cnf, CnfState.TERMINATING, "deletion requested", null);
        return details(cnf);
    }

    /** Live CNFs of a function on a site, for scaling and healing intents. */
    @Transactional(readOnly = true)
    public List<CnfDetails> find(String function, String site) {
        return cnfs.findLive(function, site).stream().map(this::details).toList();
    }

    private CnfEntity live(UUID id) {
        return cnfs.findById(id).orElseThrow(() -> new ApiException(ErrorCode.CNF_NOT_FOUND, "No CNF with id " + id));
    }

    private static void requireMove(CnfEntity cnf, CnfState next) {
        if (!cnf.getState().canTransitionTo(next)) {
            throw new ApiException(
                    ErrorCode.ILLEGAL_STATE_TRANSITION,
                    "CNF " + cnf.getName() + " is " + cnf.getState() + "; it cannot move to " + next,
                    List.of(),
                    Map.of(
                            "current_state", cnf.getState().name(),
                            "allowed",
                                    cnf.getState().allowedNext().stream()
                                            .map(Enum::name)
                                            .sorted()
                                            .toList()));
        }
    }

    private static final java.util.regex.Pattern QUANTITY =
            java.util.regex.Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$");

    private static void quantity(List<FieldViolation> violations, String field, String value) {
        if (value != null && !QUANTITY.matcher(value).matches()) {
            violations.add(new FieldViolation(field, "must be a Kubernetes quantity such as 500m, 2 or 4Gi"));
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
        events.publishEvent(WORK_DUE);
        if (next == CnfState.ACTIVE && previous != CnfState.ACTIVE && cnf.getReplacesCnfId() != null) {
            retireReplaced(cnf);
        }
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

    /** The list filters of {@code GET /api/v1/cnfs}; a null member does not filter. */
    record Filter(UUID intentId, CnfState state, String function, UUID clusterId) {

        Specification<CnfEntity> specification() {
            return (root, query, cb) -> {
                List<jakarta.persistence.criteria.Predicate> where = new java.util.ArrayList<>();
                if (intentId != null) {
                    where.add(cb.equal(root.get("intentId"), intentId));
                }
                if (state != null) {
                    where.add(cb.equal(root.get("state"), state));
                }
                if (function != null && !function.isBlank()) {
                    where.add(cb.equal(
                            cb.upper(root.get("function")), function.trim().toUpperCase(java.util.Locale.ROOT)));
                }
                if (clusterId != null) {
                    where.add(cb.equal(root.get("clusterId"), clusterId));
                }
                return cb.and(where.toArray(jakarta.persistence.criteria.Predicate[]::new));
            };
        }
    }

    @Transactional(readOnly = true)
    PagedResponse<CnfDetails> list(Filter filter, PageQuery paging) {
        return Pages.response(
                cnfs.findAll(filter.specification(), Pages.pageable(paging, NEWEST_FIRST)), paging, this::details);
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
        List<CnfDetails.Condition> conditions = new java.util.ArrayList<>();
        conditions.add(new CnfDetails.Condition(
                "PackagePublished",
                published,
                published
                        ? cnf.getPackageRevisionName() + " v" + cnf.getPackageRevision()
                        : "package not published yet"));
        // what the health monitor last saw on the cluster, check by check
        for (String type : CnfHealth.CHECKS) {
            Object stored = cnf.getHealthChecks().get(type);
            if (stored instanceof java.util.Map<?, ?> check) {
                conditions.add(new CnfDetails.Condition(
                        type, Boolean.TRUE.equals(check.get("status")), String.valueOf(check.get("message"))));
            } else {
                conditions.add(new CnfDetails.Condition(type, false, "not checked on the cluster yet"));
            }
        }
        conditions.add(new CnfDetails.Condition(
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
                cnf.getUpdatedAt(),
                cnf.getLabels(),
                cnf.getReplacesCnfId());
    }
}
