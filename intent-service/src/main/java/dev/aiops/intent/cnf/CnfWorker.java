package dev.aiops.intent.cnf;

import dev.aiops.intent.intent.IntentLifecycle;
import dev.aiops.intent.support.PollingLoop;
import dev.aiops.model.cnf.CnfErrorKind;
import dev.aiops.model.cnf.CnfState;
import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.model.packages.PackageRevisionSummary;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives CNFs through Pending → Provisioning → Configuring, and Terminating → Deleted. Each step is its own
 * transaction on a row locked with SKIP LOCKED, and what a step achieved (package created, proposed,
 * published) is recorded with it: after a restart the worker resumes at the next step, and a creation cut
 * off between porch-adapter's answer and our commit is found again instead of made twice.
 *
 * <p>A CNF stops at Configuring, saying what it waits for: only evidence from its cluster (the health
 * monitor) may make it Active, never the worker.
 */
@Component
class CnfWorker implements SmartLifecycle {

    static final String STAGE_PACKAGES_PUBLISHED = "packagesPublished";
    static final String STAGE_FAILED = "failed";
    /** porch-adapter's code for a concurrent change of its repository or an index not yet caught up. */
    private static final String CONFLICT = "CONFLICT";

    private static final Logger log = LoggerFactory.getLogger(CnfWorker.class);

    private final CnfRepository cnfs;
    private final CnfService service;
    private final PorchClient porch;
    private final IntentLifecycle intents;
    private final CnfProperties properties;
    private final TransactionTemplate tx;
    private final List<PollingLoop> loops;
    private final ObservationRegistry observations;
    private final JsonMapper json;
    private final dev.aiops.intent.intent.IntentMetrics metrics;

    CnfWorker(
            CnfRepository cnfs,
            CnfService service,
            PorchClient porch,
            IntentLifecycle intents,
            CnfProperties properties,
            PlatformTransactionManager transactions,
            ObservationRegistry observations,
            JsonMapper json,
            dev.aiops.intent.intent.IntentMetrics metrics) {
        this.metrics = metrics;
        this.observations = observations;
        this.json = json;
        this.cnfs = cnfs;
        this.service = service;
        this.porch = porch;
        this.intents = intents;
        this.properties = properties;
        // several threads claim with SKIP LOCKED, so each CNF is worked by one of them at a time: a slow
        // porch-adapter call for one CNF does not hold up the others
        this.loops = java.util.stream.IntStream.range(0, Math.max(1, properties.workers()))
                .mapToObj(i -> new PollingLoop("cnf-worker-" + i, properties.pollInterval(), this::drain))
                .toList();
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Works off every due CNF; returns how many steps were taken. Depth first: a CNF whose step succeeded is
     * taken through its next steps at once (each still its own transaction and claim), instead of going back
     * behind every other due CNF. Breadth first, 100 intents at once each waited for all 100 to reach every
     * step before its next one, so none finished until nearly all did; now they finish one after the other.
     */
    int drain() {
        int steps = 0;
        while (steps < 1000) {
            java.util.UUID worked = tx.execute(status -> step(null));
            if (worked == null) {
                break;
            }
            steps++;
            // still due (not waiting for a retry or for its cluster): its next step now, by the same worker
            while (steps < 1000 && worked != null) {
                java.util.UUID current = worked;
                worked = tx.execute(status -> step(current));
                steps += worked != null ? 1 : 0;
            }
        }
        return steps;
    }

    /** Claims and works one step, of {@code cnf} if given and due, else of the oldest due CNF; its id, or null. */
    private java.util.UUID step(java.util.UUID cnfId) {
        Optional<java.util.UUID> due = cnfId == null ? cnfs.claimNextDue() : cnfs.claimIfDue(cnfId);
        if (due.isEmpty()) {
            return null;
        }
        CnfEntity cnf = cnfs.findById(due.get()).orElseThrow();
        // one span per step, named by the state it works on, carrying the intent it serves
        Observation.createNotStarted("cnf.step", observations)
                .lowCardinalityKeyValue("cnf.state", cnf.getState().name())
                .highCardinalityKeyValue("intent.id", cnf.getIntentId().toString())
                .highCardinalityKeyValue("cnf.id", cnf.getId().toString())
                .observe(() -> work(cnf));
        return cnf.getId();
    }

    private void work(CnfEntity cnf) {
        try {
            switch (cnf.getState()) {
                case PENDING ->
                    service.transition(cnf, CnfState.PROVISIONING, "creating package " + cnf.getPackageName(), null);
                case PROVISIONING -> provision(cnf);
                case TERMINATING -> terminate(cnf);
                case SCALING, UPDATING, HEALING -> change(cnf);
                default -> {
                    // claimed only in the states above
                }
            }
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            String code = problemCode(e);
            handle(
                    cnf,
                    status,
                    "porch-adapter answered HTTP " + status + (code != null ? " " + code : ""),
                    status == 409 && CONFLICT.equals(code));
        } catch (ResourceAccessException e) {
            handle(cnf, 0, "porch-adapter unreachable", false);
        } catch (DeploymentEdits.Invalid e) {
            handle(cnf, 422, e.getMessage(), false);
        }
    }

    private void provision(CnfEntity cnf) {
        Instant now = Instant.now();
        if (cnf.getStep() == null) {
            PackageRevisionSummary created;
            try {
                created = porch.create(cnf);
            } catch (RestClientResponseException e) {
                if (e.getStatusCode().value() != 409) {
                    throw e;
                }
                // created by an attempt whose commit we lost: continue with that revision
                created = porch.find(cnf).orElseThrow(() -> e);
            }
            cnf.stepDone(CnfEntity.Step.PACKAGE_CREATED, created.name(), null, "package draft " + created.name(), now);
        } else if (cnf.getStep() == CnfEntity.Step.PACKAGE_CREATED) {
            // an attempt whose answer was lost (timeout) may have proposed it already: adopted, not failed
            actionOnce(cnf, cnf.getPackageRevisionName(), "propose", PackageLifecycle.PROPOSED);
            cnf.stepDone(CnfEntity.Step.PACKAGE_PROPOSED, null, null, "package proposed", now);
        } else if (cnf.getStep() == CnfEntity.Step.PACKAGE_PROPOSED) {
            PackageRevisionSummary published =
                    actionOnce(cnf, cnf.getPackageRevisionName(), "approve", PackageLifecycle.PUBLISHED);
            cnf.stepDone(
                    CnfEntity.Step.PACKAGE_PUBLISHED, published.name(), published.revision(), "package published", now);
        } else if (cnf.getStep() == CnfEntity.Step.PACKAGE_PUBLISHED) {
            service.transition(
                    cnf,
                    CnfState.CONFIGURING,
                    "waiting for a GitOps agent to apply " + cnf.getPackageRevisionName() + " (v"
                            + cnf.getPackageRevision() + ") to cluster " + cnf.getClusterName()
                            + ": no Deployment " + cnf.getPackageName() + " with ready replicas seen yet",
                    null);
            reportWhenAllPublished(cnf);
        }
    }

    /**
     * A scale, update or heal as a new revision of the CNF's package: cloned from the running revision,
     * its files replaced by the running ones with deployment.yaml edited, proposed, approved. Each step is
     * recorded; a 409 from a step an earlier attempt already did (its commit lost) is checked and adopted.
     * Then the CNF waits, in its state, for the health monitor to see the change running.
     */
    private void change(CnfEntity cnf) {
        Instant now = Instant.now();
        switch (cnf.getStep()) {
            case CHANGE_REQUESTED -> {
                PackageRevisionSummary created;
                try {
                    created = porch.createChange(cnf);
                } catch (RestClientResponseException e) {
                    if (e.getStatusCode().value() != 409) {
                        throw e;
                    }
                    created = porch.find(cnf, PorchClient.changeWorkspace(cnf)).orElseThrow(() -> e);
                }
                cnf.changeCreated(created.name(), now);
            }
            case CHANGE_CREATED -> {
                PorchClient.Resources running = porch.resources(cnf.getPackageRevisionName());
                PorchClient.Resources draft = porch.resources(cnf.getChangeRevisionName());
                porch.replaceResources(
                        cnf.getChangeRevisionName(),
                        DeploymentEdits.apply(running.resources(), cnf),
                        draft.resourceVersion());
                cnf.stepDone(CnfEntity.Step.CHANGE_EDITED, null, null, "deployment.yaml edited", now);
            }
            case CHANGE_EDITED -> {
                actionOnce(cnf, cnf.getChangeRevisionName(), "propose", PackageLifecycle.PROPOSED);
                cnf.stepDone(CnfEntity.Step.CHANGE_PROPOSED, null, null, "change proposed", now);
            }
            case CHANGE_PROPOSED -> {
                PackageRevisionSummary published =
                        actionOnce(cnf, cnf.getChangeRevisionName(), "approve", PackageLifecycle.PUBLISHED);
                cnf.stepDone(
                        CnfEntity.Step.PACKAGE_PUBLISHED,
                        published.name(),
                        published.revision(),
                        "waiting for cluster " + cnf.getClusterName() + " to run " + published.name() + " (v"
                                + published.revision() + "): Deployment " + cnf.getPackageName()
                                + " not seen with change " + cnf.getChangeSeq() + " ready yet",
                        now);
            }
            default -> {
                // PACKAGE_PUBLISHED: the health monitor's, never claimed
            }
        }
    }

    /** An action whose 409 means "already done" when the revision is found in the lifecycle it leads to. */
    private PackageRevisionSummary actionOnce(
            CnfEntity cnf, String revisionName, String action, PackageLifecycle reached) {
        String correlation = (cnf.getChangeIntentId() != null ? cnf.getChangeIntentId() : cnf.getIntentId()).toString();
        try {
            return porch.action(revisionName, action, correlation);
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 409) {
                PackageRevisionSummary current = porch.get(revisionName);
                if (current.lifecycle() == reached) {
                    return current;
                }
            }
            throw e;
        }
    }

    private void reportWhenAllPublished(CnfEntity cnf) {
        cnfs.lockIntent(cnf.getIntentId().toString());
        List<CnfEntity> siblings = cnfs.findByIntentId(cnf.getIntentId());
        boolean all = siblings.stream()
                .allMatch(s -> s.getState() == CnfState.CONFIGURING || s.getState() == CnfState.ACTIVE);
        if (all) {
            // the CNFs were created with the plan: how long the worker (its queue and porch-adapter) took
            siblings.stream()
                    .map(CnfEntity::getCreatedAt)
                    .min(java.util.Comparator.naturalOrder())
                    .ifPresent(planned -> metrics.record(
                            dev.aiops.intent.intent.IntentMetrics.Stage.PUBLISH,
                            java.time.Duration.between(planned, Instant.now())));
            intents.reportOnce(
                    cnf.getIntentId(),
                    STAGE_PACKAGES_PUBLISHED,
                    siblings.size() + " package(s) published",
                    Map.of(
                            "packages",
                            siblings.stream()
                                    .map(s -> s.getPackageRevisionName() + " v" + s.getPackageRevision())
                                    .toList()));
        }
    }

    private void terminate(CnfEntity cnf) {
        // every published revision is proposed for deletion, not only the running one: after a scale v1 is
        // still published, and deleting only v2 would hand the package back to v1 for the GitOps agent
        boolean published = cnf.getPackageRevision() != null && cnf.getPackageRevision() > 0;
        if (published && cnf.getStep() != CnfEntity.Step.DELETION_PROPOSED) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            porch.revisions(cnf).stream()
                    .filter(r -> r.lifecycle() == PackageLifecycle.PUBLISHED)
                    .map(PackageRevisionSummary::name)
                    .forEach(names::add);
            names.add(cnf.getPackageRevisionName());
            for (String name : names) {
                actionOnce(cnf, name, "propose-delete", PackageLifecycle.DELETION_PROPOSED);
            }
            cnf.stepDone(
                    CnfEntity.Step.DELETION_PROPOSED,
                    null,
                    null,
                    names.size() + " package revision(s) proposed for deletion",
                    Instant.now());
            return;
        }
        service.transition(cnf, CnfState.DELETED, "terminated", null);
    }

    /** The {@code code} of porch-adapter's problem+json answer, or null. */
    private String problemCode(RestClientResponseException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsString());
            return problem.path("code").isString() ? problem.path("code").asString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * Transient (5xx, 429, unreachable, and porch-adapter's 409 CONFLICT: its git repository was being
     * changed by another request at that moment, "retry later") → retried with backoff; 400/422 →
     * Configuration; else (an illegal lifecycle move, 404) Permanent.
     */
    private void handle(CnfEntity cnf, int status, String error, boolean concurrentChange) {
        CnfErrorKind kind = status == 0 || status == 429 || status >= 500 || concurrentChange
                ? CnfErrorKind.TRANSIENT
                : status == 400 || status == 422 ? CnfErrorKind.CONFIGURATION : CnfErrorKind.PERMANENT;
        Instant now = Instant.now();
        if (kind.retryable() && cnf.getAttempts() + 1 < properties.maxAttempts()) {
            cnf.retryLater(error, now.plus(properties.backoff(cnf.getAttempts())), now);
            log.info(
                    "CNF {} step {} failed ({}), retry {} later",
                    cnf.getName(),
                    cnf.getStep(),
                    error,
                    cnf.getAttempts());
            return;
        }
        if (cnf.getState() == CnfState.TERMINATING) {
            cnf.retryLater(error, now.plus(properties.maxBackoff()), now);
            return;
        }
        String reason = kind.retryable() ? error + " after " + properties.maxAttempts() + " attempts" : error;
        service.transition(cnf, CnfState.FAILED, reason, kind);
        // roll back what this deployment created: a published package is proposed for deletion
        if (cnf.getStep() == CnfEntity.Step.PACKAGE_PUBLISHED) {
            service.transition(cnf, CnfState.TERMINATING, "rolling back after failure", null);
        }
        intents.changeStatus(
                cnf.getChangeIntentId() != null ? cnf.getChangeIntentId() : cnf.getIntentId(),
                IntentLifecycleStatus.FAILED,
                STAGE_FAILED,
                "CNF " + cnf.getName() + " failed (" + kind + "): " + reason,
                Map.of("cnf", cnf.getName()));
    }

    /**
     * A CNF was created or changed state and it committed: every worker looks now instead of at its next poll
     * (those that find nothing claimable go back to sleep).
     */
    @org.springframework.transaction.event.TransactionalEventListener
    void onCnfWorkDue(CnfService.WorkDue due) {
        loops.forEach(PollingLoop::wake);
    }

    @Override
    public void start() {
        loops.forEach(PollingLoop::start);
    }

    @Override
    public void stop() {
        loops.forEach(PollingLoop::stop);
    }

    @Override
    public boolean isRunning() {
        return loops.stream().anyMatch(PollingLoop::isRunning);
    }
}
