package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import dev.aiops.registry.cluster.ClusterEvents;
import dev.aiops.registry.config.RegistryProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Marks clusters nobody has checked for too long as UNKNOWN, and keeps history to its retention. */
@Component
class HealthMaintenance {

    private static final Logger log = LoggerFactory.getLogger(HealthMaintenance.class);
    private static final int BATCH = 500;

    private final HealthStore store;
    private final ClusterEvents events;
    private final TransactionTemplate transactions;
    private final RegistryProperties.Health properties;
    private final Clock clock;

    HealthMaintenance(
            HealthStore store,
            ClusterEvents events,
            TransactionTemplate transactions,
            RegistryProperties properties,
            Clock clock) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties.health();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "5s", fixedDelayString = "${aiops.registry.health.silence-sweep-interval:5s}")
    void markSilentClusters() {
        try {
            int marked;
            do {
                marked = markSilentBatch();
            } while (marked == BATCH);
        } catch (RuntimeException e) {
            log.warn("Silent-cluster sweep failed: {}", e.toString());
        }
    }

    int markSilentBatch() {
        Integer marked = transactions.execute(status -> {
            List<HealthStore.Stale> stale = store.markSilentUnknown(BATCH);
            for (HealthStore.Stale s : stale) {
                events.statusChanged(new ClusterStatusChangedEvent(
                        s.id(),
                        s.oldState(),
                        ClusterState.UNKNOWN,
                        s.healthScore(),
                        "no health check result for " + properties.silentIntervals() + " intervals"));
            }
            return stale.size();
        });
        return marked == null ? 0 : marked;
    }

    @Scheduled(initialDelayString = "30s", fixedDelayString = "${aiops.registry.health.purge-interval:1h}")
    void purgeHistory() {
        try {
            int total = 0;
            int deleted;
            do {
                deleted = store.purgeHistoryOlderThan(clock.instant().minus(properties.historyRetention()), 5_000);
                total += deleted;
            } while (deleted == 5_000);
            if (total > 0) {
                log.info("Purged {} health history rows older than {}", total, properties.historyRetention());
            }
        } catch (RuntimeException e) {
            log.warn("Health history purge failed: {}", e.toString());
        }
    }
}
