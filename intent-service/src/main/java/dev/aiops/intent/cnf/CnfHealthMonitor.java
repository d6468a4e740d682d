package dev.aiops.intent.cnf;

import dev.aiops.intent.intent.IntentLifecycle;
import dev.aiops.intent.support.PollingLoop;
import dev.aiops.model.cnf.CnfState;
import dev.aiops.model.intent.IntentLifecycleStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes CNFs Active on evidence from their clusters, and keeps watching them. Every pass reads, for each
 * CNF in Configuring, Active, Degraded, Scaling, Updating or Healing (a change only once its revision is
 * published), the Deployment, the pods its selector matches and the package Service's endpoints from the
 * cluster's Kubernetes API, then applies what it saw to the CNF's row under a lock other writers skip:
 *
 * <ul>
 *   <li>ready ({@link CnfHealth}: Deployment ready, pods Ready, Service endpoints ready) → Configuring, Scaling, Updating, Healing become Active; a Degraded
 *       CNF that recovered by itself goes through Healing to Active, as the state machine requires;
 *   <li>not ready → an Active CNF becomes Degraded once it has stayed so for {@code degraded-after}, with the
 *       reason the Deployment gives; a Configuring one keeps waiting, saying for what.
 * </ul>
 *
 * A cluster that cannot be asked is no evidence either way: its CNFs keep their state. When every CNF of an
 * intent is Active the intent is completed (report {@code cnfsActive}); a Degraded CNF makes it degraded.
 */
@Component
class CnfHealthMonitor implements SmartLifecycle {

    static final String STAGE_CNFS_ACTIVE = "cnfsActive";
    static final String STAGE_DEGRADED = "cnfDegraded";
    static final Set<CnfState> MONITORED = EnumSet.of(
            CnfState.CONFIGURING,
            CnfState.ACTIVE,
            CnfState.DEGRADED,
            CnfState.SCALING,
            CnfState.UPDATING,
            CnfState.HEALING);
    private static final Set<CnfState> CHANGES = EnumSet.of(CnfState.SCALING, CnfState.UPDATING, CnfState.HEALING);
    private static final Logger log = LoggerFactory.getLogger(CnfHealthMonitor.class);

    private final CnfRepository cnfs;
    private final CnfService service;
    private final ClusterApi clusters;
    private final IntentLifecycle intents;
    private final HealthProperties properties;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final MultiGauge activeCount;
    private final PollingLoop loop;

    CnfHealthMonitor(
            CnfRepository cnfs,
            CnfService service,
            ClusterApi clusters,
            IntentLifecycle intents,
            HealthProperties properties,
            PlatformTransactionManager transactions,
            MeterRegistry meters,
            ObservationRegistry observations) {
        this.cnfs = cnfs;
        this.service = service;
        this.clusters = clusters;
        this.intents = intents;
        this.properties = properties;
        this.meters = meters;
        this.observations = observations;
        this.tx = new TransactionTemplate(transactions);
        this.activeCount = MultiGauge.builder("cnf.active.count")
                .description("CNFs per function and lifecycle phase, as of the health monitor's last pass")
                .register(meters);
        this.loop = new PollingLoop("cnf-health", properties.pollInterval(), this::pass);
    }

    /** One pass over every monitored CNF; returns how many changed state. */
    int pass() {
        List<CnfEntity> watched = tx.execute(status -> cnfs.findByStateIn(MONITORED));
        if (watched == null) {
            return 0;
        }
        int moved = 0;
        Set<UUID> unreachable = new HashSet<>();
        for (CnfEntity cnf : watched) {
            if (CHANGES.contains(cnf.getState()) && cnf.getStep() != CnfEntity.Step.PACKAGE_PUBLISHED) {
                continue; // the worker is still making the change's revision
            }
            if (unreachable.contains(cnf.getClusterId())) {
                continue;
            }
            CnfHealth.Observed observed;
            try {
                observed = observe(cnf);
            } catch (ClusterApi.Unreachable e) {
                log.info("CNF health of {}: {}; no evidence this pass", cnf.getName(), e.getMessage());
                if (e.clusterWide()) {
                    unreachable.add(cnf.getClusterId());
                    tx.executeWithoutResult(status -> cannotAsk(
                            cnfs.findByClusterIdAndState(cnf.getClusterId(), CnfState.CONFIGURING), e.getMessage()));
                } else {
                    tx.executeWithoutResult(status -> cannotAsk(
                            cnfs.findById(cnf.getId()).filter(c -> c.getState() == CnfState.CONFIGURING).stream()
                                    .toList(),
                            e.getMessage()));
                }
                continue;
            }
            Boolean changed = tx.execute(status -> apply(cnf.getId(), observed));
            if (Boolean.TRUE.equals(changed)) {
                moved++;
            }
        }
        publishCounts();
        return moved;
    }

    /** The Deployment and, when it exists, the pods its selector matches and the package Service's endpoints. */
    private CnfHealth.Observed observe(CnfEntity cnf) {
        Optional<Deployment> deployment =
                clusters.deployment(cnf.getClusterId(), cnf.getNamespace(), cnf.getPackageName());
        if (deployment.isEmpty()) {
            return CnfHealth.Observed.nothing();
        }
        var selector = deployment.get().getSpec() == null
                ? null
                : deployment.get().getSpec().getSelector();
        // a Deployment without a selector is invalid on a real cluster; no pods can be attributed to it
        List<io.fabric8.kubernetes.api.model.Pod> pods =
                selector == null ? List.of() : clusters.pods(cnf.getClusterId(), cnf.getNamespace(), selector);
        return new CnfHealth.Observed(
                deployment, pods, clusters.endpoints(cnf.getClusterId(), cnf.getNamespace(), cnf.getPackageName()));
    }

    /**
     * No evidence either way: the cluster's CNFs keep their state; those still Configuring say why they wait.
     */
    private void cannotAsk(List<CnfEntity> configuring, String reason) {
        Instant now = Instant.now();
        for (CnfEntity cnf : configuring) {
            if (cnfs.lockIfFree(cnf.getId()).isPresent()) {
                cnf.observed(
                        cnf.getReadyReplicas(),
                        false,
                        "waiting for evidence from cluster " + cnf.getClusterName() + ": " + reason,
                        now);
            }
        }
    }

    private boolean apply(UUID id, CnfHealth.Observed observed) {
        if (cnfs.lockIfFree(id).isEmpty()) {
            return false; // the worker or another replica holds it: next pass
        }
        CnfEntity cnf = cnfs.findById(id).orElseThrow();
        if (!MONITORED.contains(cnf.getState())
                || (CHANGES.contains(cnf.getState()) && cnf.getStep() != CnfEntity.Step.PACKAGE_PUBLISHED)) {
            return false;
        }
        CnfHealth health = CnfHealth.of(observed, cnf);
        Instant now = Instant.now();
        CnfState state = cnf.getState();
        return Observation.createNotStarted("cnf.health", observations)
                .lowCardinalityKeyValue("cnf.state", state.name())
                .highCardinalityKeyValue("intent.id", cnf.getIntentId().toString())
                .highCardinalityKeyValue("cnf.id", cnf.getId().toString())
                .observe(() -> decide(cnf, state, health, now));
    }

    private boolean decide(CnfEntity cnf, CnfState state, CnfHealth health, Instant now) {
        cnf.checked(health.checks());
        switch (state) {
            case CONFIGURING -> {
                if (health.ready()) {
                    cnf.observed(health.readyReplicas(), true, null, now);
                    service.transition(cnf, CnfState.ACTIVE, "cluster reports " + health.reason(), null);
                    meters.timer("cnf.deployment.duration", "function", cnf.getFunction())
                            .record(Duration.between(cnf.getCreatedAt(), now));
                    completeWhenAllActive(cnf.getIntentId());
                    return true;
                }
                String waiting = health.found()
                        ? "waiting for " + cnf.getPackageName() + " on cluster " + cnf.getClusterName() + ": "
                                + health.reason()
                        : "waiting for a GitOps agent to apply " + cnf.getPackageRevisionName() + " (v"
                                + cnf.getPackageRevision() + ") to cluster " + cnf.getClusterName() + ": "
                                + health.reason();
                cnf.observed(health.readyReplicas(), false, waiting, now);
                return false;
            }
            case SCALING, UPDATING, HEALING -> {
                if (health.ready()) {
                    cnf.observed(health.readyReplicas(), true, null, now);
                    service.transition(
                            cnf,
                            CnfState.ACTIVE,
                            "cluster runs " + cnf.getPackageRevisionName() + " (v" + cnf.getPackageRevision() + "): "
                                    + health.reason(),
                            null);
                    completeChange(cnf);
                    return true;
                }
                cnf.observed(
                        health.readyReplicas(),
                        false,
                        "waiting for cluster " + cnf.getClusterName() + " to run " + cnf.getPackageRevisionName()
                                + " (v" + cnf.getPackageRevision() + "): " + health.reason(),
                        now);
                return false;
            }
            case ACTIVE -> {
                cnf.observed(health.readyReplicas(), health.ready(), health.reason(), now);
                if (!health.ready()
                        && !cnf.getNotReadySince()
                                .plus(properties.degradedAfter())
                                .isAfter(now)) {
                    service.transition(cnf, CnfState.DEGRADED, health.reason(), null);
                    intents.changeStatus(
                            cnf.getIntentId(),
                            IntentLifecycleStatus.DEGRADED,
                            STAGE_DEGRADED,
                            "CNF " + cnf.getName() + " degraded: " + health.reason(),
                            Map.of("cnf", cnf.getName()));
                    return true;
                }
                return false;
            }
            case DEGRADED -> {
                cnf.observed(health.readyReplicas(), health.ready(), health.ready() ? null : health.reason(), now);
                if (health.ready()) {
                    service.transition(cnf, CnfState.HEALING, "recovered on the cluster: " + health.reason(), null);
                    service.transition(cnf, CnfState.ACTIVE, "cluster reports " + health.reason(), null);
                    completeWhenAllActive(cnf.getIntentId());
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void completeWhenAllActive(UUID intentId) {
        cnfs.lockIntent(intentId.toString());
        List<CnfEntity> all = cnfs.findByIntentId(intentId);
        if (all.stream().allMatch(c -> c.getState() == CnfState.ACTIVE)) {
            intents.changeStatus(
                    intentId,
                    IntentLifecycleStatus.COMPLETED,
                    STAGE_CNFS_ACTIVE,
                    all.size() + " CNF(s) active",
                    Map.of(
                            "cnfs",
                            all.stream()
                                    .map(c -> c.getName() + " " + c.getReadyReplicas() + "/" + c.getReplicas())
                                    .toList()));
        }
    }

    /** The scaling or healing intent behind a change is completed when all its CNFs are Active again. */
    private void completeChange(CnfEntity cnf) {
        UUID changeIntent = cnf.getChangeIntentId();
        if (changeIntent == null) {
            completeWhenAllActive(cnf.getIntentId());
            return;
        }
        cnfs.lockIntent(changeIntent.toString());
        List<CnfEntity> changed = cnfs.findByChangeIntentId(changeIntent);
        if (changed.stream().allMatch(c -> c.getState() == CnfState.ACTIVE)) {
            intents.changeStatus(
                    changeIntent,
                    IntentLifecycleStatus.COMPLETED,
                    STAGE_CNFS_ACTIVE,
                    changed.size() + " CNF(s) active after the change",
                    Map.of(
                            "cnfs",
                            changed.stream()
                                    .map(c -> c.getName() + " " + c.getReadyReplicas() + "/" + c.getReplicas() + " v"
                                            + c.getPackageRevision())
                                    .toList()));
        }
        completeWhenAllActive(cnf.getIntentId());
    }

    private void publishCounts() {
        List<Object[]> counts = tx.execute(status -> cnfs.countByFunctionAndState());
        if (counts == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (Object[] row : counts) {
            seen.put(row[0] + "|" + row[1], ((Number) row[2]).longValue());
        }
        seen.forEach((key, count) -> {
            String[] parts = key.split("\\|", 2);
            rows.add(MultiGauge.Row.of(Tags.of("function", parts[0], "phase", parts[1]), count));
        });
        activeCount.register(rows, true);
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
