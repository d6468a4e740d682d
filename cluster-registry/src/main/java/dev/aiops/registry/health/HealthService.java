package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterStatus;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.registry.cluster.ClusterNotFoundException;
import dev.aiops.registry.cluster.ClusterService;
import dev.aiops.registry.config.RegistryProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Health as the API shows it, and the operator's "check now". */
@Service
public class HealthService {

    private static final int RECENT_HISTORY = 10;

    private final ClusterService clusters;
    private final HealthStore store;
    private final HealthScheduler scheduler;
    private final RegistryProperties properties;
    private final Clock clock;

    HealthService(
            ClusterService clusters,
            HealthStore store,
            HealthScheduler scheduler,
            RegistryProperties properties,
            Clock clock) {
        this.clusters = clusters;
        this.store = store;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public HealthView status(UUID clusterId) {
        ClusterView cluster = clusters.get(clusterId);
        HealthStore.Schedule schedule =
                store.schedule(clusterId).orElseThrow(() -> ClusterNotFoundException.of(clusterId));
        ClusterStatus status = cluster.status();
        Instant expires = cluster.credentialsExpiresAt();
        boolean expiring = expires != null
                && !expires.isAfter(
                        clock.instant().plus(properties.credentials().expiryWarning()));
        return new HealthView(
                clusterId,
                status.state(),
                status.healthScore(),
                status.connectivity(),
                status.lastError(),
                status.apiServerHealthy(),
                status.prometheusHealthy(),
                status.tempoHealthy(),
                status.lokiHealthy(),
                schedule.lastCheckedAt(),
                cluster.lastSeenAt(),
                schedule.nextCheckAt(),
                expires,
                expiring,
                schedule.discoveredAt(),
                schedule.discoveryError(),
                store.history(clusterId, RECENT_HISTORY, 0).stream()
                        .map(HealthCheckView::of)
                        .toList());
    }

    @Transactional(readOnly = true)
    public PagedResponse<HealthCheckView> history(UUID clusterId, PageQuery page) {
        clusters.get(clusterId);
        return PagedResponse.of(
                store.history(clusterId, page.pageSize(), page.offset()).stream()
                        .map(HealthCheckView::of)
                        .toList(),
                store.historyCount(clusterId),
                page);
    }

    /**
     * Checks the cluster now, taking its lease over from whoever held it (their result is then
     * dropped), and asks discovery to run soon; answers with the fresh status.
     */
    public HealthView refresh(UUID clusterId) {
        clusters.get(clusterId);
        ClaimedCluster claimed = store.claimNow(clusterId, scheduler.instanceId() + "/refresh-" + UUID.randomUUID())
                .orElseThrow(() -> ClusterNotFoundException.of(clusterId));
        store.requestDiscovery(clusterId);
        Duration timeout = properties.health().timeout(claimed.clusterType());
        try {
            scheduler.run(claimed).get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new ApiException(ErrorCode.CLUSTER_UNREACHABLE, "The health check did not complete in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted");
        }
        return status(clusterId);
    }
}
