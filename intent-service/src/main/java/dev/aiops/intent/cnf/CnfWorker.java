package dev.aiops.intent.cnf;

import dev.aiops.intent.intent.IntentLifecycle;
import dev.aiops.intent.support.PollingLoop;
import dev.aiops.model.cnf.CnfErrorKind;
import dev.aiops.model.cnf.CnfState;
import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.packages.PackageRevisionSummary;
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
    private static final Logger log = LoggerFactory.getLogger(CnfWorker.class);

    private final CnfRepository cnfs;
    private final CnfService service;
    private final PorchClient porch;
    private final IntentLifecycle intents;
    private final CnfProperties properties;
    private final TransactionTemplate tx;
    private final PollingLoop loop;

    CnfWorker(
            CnfRepository cnfs,
            CnfService service,
            PorchClient porch,
            IntentLifecycle intents,
            CnfProperties properties,
            PlatformTransactionManager transactions) {
        this.cnfs = cnfs;
        this.service = service;
        this.porch = porch;
        this.intents = intents;
        this.properties = properties;
        this.loop = new PollingLoop("cnf-worker", properties.pollInterval(), this::drain);
        this.tx = new TransactionTemplate(transactions);
    }

    /** Works off every due CNF; returns how many steps were taken. */
    int drain() {
        int steps = 0;
        while (steps < 1000 && Boolean.TRUE.equals(tx.execute(status -> step()))) {
            steps++;
        }
        return steps;
    }

    private boolean step() {
        Optional<java.util.UUID> due = cnfs.claimNextDue();
        if (due.isEmpty()) {
            return false;
        }
        CnfEntity cnf = cnfs.findById(due.get()).orElseThrow();
        try {
            switch (cnf.getState()) {
                case PENDING ->
                    service.transition(cnf, CnfState.PROVISIONING, "creating package " + cnf.getPackageName(), null);
                case PROVISIONING -> provision(cnf);
                case TERMINATING -> terminate(cnf);
                default -> {
                    // claimed only in the states above
                }
            }
        } catch (RestClientResponseException e) {
            handle(
                    cnf,
                    e.getStatusCode().value(),
                    "porch-adapter answered HTTP " + e.getStatusCode().value());
        } catch (ResourceAccessException e) {
            handle(cnf, 0, "porch-adapter unreachable");
        }
        return true;
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
            porch.action(
                    cnf.getPackageRevisionName(), "propose", cnf.getIntentId().toString());
            cnf.stepDone(CnfEntity.Step.PACKAGE_PROPOSED, null, null, "package proposed", now);
        } else if (cnf.getStep() == CnfEntity.Step.PACKAGE_PROPOSED) {
            PackageRevisionSummary published = porch.action(
                    cnf.getPackageRevisionName(), "approve", cnf.getIntentId().toString());
            cnf.stepDone(
                    CnfEntity.Step.PACKAGE_PUBLISHED, published.name(), published.revision(), "package published", now);
        } else if (cnf.getStep() == CnfEntity.Step.PACKAGE_PUBLISHED) {
            service.transition(
                    cnf,
                    CnfState.CONFIGURING,
                    "waiting for a GitOps agent to apply " + cnf.getPackageRevisionName() + " (v"
                            + cnf.getPackageRevision() + ") to cluster " + cnf.getClusterName()
                            + ": no Deployment " + cnf.getName() + " with ready replicas seen yet",
                    null);
            reportWhenAllPublished(cnf);
        }
    }

    private void reportWhenAllPublished(CnfEntity cnf) {
        List<CnfEntity> siblings = cnfs.findByIntentId(cnf.getIntentId());
        boolean all = siblings.stream()
                .allMatch(s -> s.getState() == CnfState.CONFIGURING || s.getState() == CnfState.ACTIVE);
        if (all) {
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
        if (cnf.getStep() == CnfEntity.Step.PACKAGE_PUBLISHED) {
            porch.action(
                    cnf.getPackageRevisionName(),
                    "propose-delete",
                    cnf.getIntentId().toString());
            cnf.stepDone(CnfEntity.Step.DELETION_PROPOSED, null, null, "package proposed for deletion", Instant.now());
            return;
        }
        service.transition(cnf, CnfState.DELETED, "terminated", null);
    }

    /** Transient (5xx, 429, unreachable) → retried with backoff; 400/422 → Configuration; else Permanent. */
    private void handle(CnfEntity cnf, int status, String error) {
        CnfErrorKind kind = status == 0 || status == 429 || status >= 500
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
                cnf.getIntentId(),
                IntentLifecycleStatus.FAILED,
                STAGE_FAILED,
                "CNF " + cnf.getName() + " failed (" + kind + "): " + reason,
                Map.of("cnf", cnf.getName()));
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
