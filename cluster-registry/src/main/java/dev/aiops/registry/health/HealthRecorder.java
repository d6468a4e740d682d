package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.registry.cluster.ClusterEvents;
import dev.aiops.registry.config.RegistryProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a check result into the cluster's new status, in one transaction with its history row and,
 * when the state changed, CLUSTER_STATUS_CHANGED in the outbox. Only the lease holder writes: a check
 * whose lease was taken over (an operator's refresh) or whose cluster was deleted is dropped.
 */
@Component
class HealthRecorder {

    private final HealthStore store;
    private final ClusterEvents events;
    private final RegistryProperties.Health properties;
    private final Clock clock;

    HealthRecorder(HealthStore store, ClusterEvents events, RegistryProperties properties, Clock clock) {
        this.store = store;
        this.events = events;
        this.properties = properties.health();
        this.clock = clock;
    }

    /** Returns the new state, or empty when the result was dropped. */
    @Transactional
    Optional<ClusterState> record(ClaimedCluster cluster, CheckResult result) {
        Optional<HealthStore.Previous> locked = store.lockIfOwner(cluster.id(), cluster.owner());
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        HealthStore.Previous previous = locked.get();
        Instant now = clock.instant();
        Duration interval = properties.interval(cluster.clusterType());
        Instant lastHeard = previous.lastSeenAt() != null ? previous.lastSeenAt() : previous.createdAt();
        boolean silentTooLong = result.apiServerFailed()
                && lastHeard != null
                && !lastHeard
                        .plus(interval.multipliedBy(properties.silentIntervals()))
                        .isAfter(now);
        ClusterState next = HealthEvaluator.next(previous.state(), result, silentTooLong);
        int score = result.score();
        int recent = HealthEvaluator.pushResult(previous.recentApiResults(), result.apiServerFailed());
        int count = Math.min(previous.recentApiCount() + 1, 8);
        Connectivity connectivity = HealthEvaluator.connectivity(recent, count);
        boolean changed = next != previous.state()
                || score != previous.healthScore()
                || !Objects.equals(
                        previous.apiServerHealthy(), result.apiServer().healthy())
                || !Objects.equals(
                        previous.prometheusHealthy(), result.prometheus().healthy())
                || !Objects.equals(previous.tempoHealthy(), result.tempo().healthy())
                || !Objects.equals(previous.lokiHealthy(), result.loki().healthy());
        boolean sample = previous.lastHistoryAt() == null
                || !previous.lastHistoryAt()
                        .plus(properties.historySampleInterval())
                        .isAfter(now);
        // start-to-start spacing: a slow check does not push the cluster's schedule back
        Instant base = cluster.claimedAt() != null ? cluster.claimedAt() : now;
        Instant nextCheck = base.plus(interval);
        if (!nextCheck.isAfter(now)) {
            nextCheck = now;
        }
        store.writeOutcome(
                cluster.id(),
                new HealthStore.Outcome(
                        next,
                        score,
                        connectivity,
                        result.errorSummary(),
                        result,
                        recent,
                        count,
                        now,
                        nextCheck,
                        changed || sample));
        if (next != previous.state()) {
            events.statusChanged(new ClusterStatusChangedEvent(
                    cluster.id(),
                    previous.state(),
                    next,
                    score,
                    HealthEvaluator.reason(previous.state(), next, result, silentTooLong)));
        }
        return Optional.of(next);
    }
}
