package dev.aiops.registry.discovery;

import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.registry.config.RegistryProperties;
import dev.aiops.registry.config.Threads;
import dev.aiops.registry.credentials.ClusterConnection;
import dev.aiops.registry.credentials.CredentialsService;
import dev.aiops.registry.credentials.KubernetesClients;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Discovery runs at registration (new rows are due at once), after new credentials, on refresh and
 * every {@code interval} (24 h). Like health checks, each run is leased to one replica; discovery
 * calls block (fabric8's synchronous API), so they run on a small bounded pool.
 */
@Component
class DiscoveryScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryScheduler.class);

    private final DiscoveryStore store;
    private final DiscoveryService service;
    private final KubernetesDiscoverer discoverer;
    private final KubernetesClients kubernetes;
    private final CredentialsService credentials;
    private final RegistryProperties.Discovery properties;
    private final String instanceId;
    private final Semaphore slots;
    private volatile ScheduledExecutorService loop;
    private volatile ExecutorService workers;

    DiscoveryScheduler(
            DiscoveryStore store,
            DiscoveryService service,
            KubernetesDiscoverer discoverer,
            KubernetesClients kubernetes,
            CredentialsService credentials,
            RegistryProperties properties,
            @Value("${spring.application.name:cluster-registry}") String serviceName) {
        this.store = store;
        this.service = service;
        this.discoverer = discoverer;
        this.kubernetes = kubernetes;
        this.credentials = credentials;
        this.properties = properties.discovery();
        this.instanceId = serviceName + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.slots = new Semaphore(this.properties.maxConcurrent());
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || loop != null) {
            return;
        }
        workers = Threads.boundedBlocking("discovery", properties.maxConcurrent());
        loop = Executors.newSingleThreadScheduledExecutor(Threads.daemon("discovery-loop"));
        long period = properties.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::pollSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.shutdownNow();
            workers.shutdownNow();
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private void pollSafely() {
        try {
            int free = slots.availablePermits();
            if (free == 0) {
                return;
            }
            List<DiscoveryStore.Claimed> claimed =
                    store.claimDue(instanceId + "/" + UUID.randomUUID(), free, properties.lease());
            for (DiscoveryStore.Claimed cluster : claimed) {
                slots.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        discover(cluster);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("Discovery poll failed: {}", e.toString());
        }
    }

    void discover(DiscoveryStore.Claimed cluster) {
        try {
            if (!cluster.hasCredentials()) {
                service.recordWithoutCredentials(cluster);
                return;
            }
            ClusterConnection connection =
                    credentials.connection(cluster.id(), cluster.name(), cluster.apiServerUrl(), cluster.endpoints());
            Discovery discovery = discoverer.discover(kubernetes.client(connection), cluster.endpoints());
            service.recordSuccess(cluster, discovery);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            service.recordFailure(cluster, e.getMessage());
        } catch (KubernetesClientException e) {
            String reason = e.getCode() > 0 ? "API server answered HTTP " + e.getCode() : "API server unreachable";
            service.recordFailure(cluster, reason);
            log.info("Discovery of cluster {} failed: {}", cluster.id(), reason);
        } catch (RuntimeException e) {
            service.recordFailure(cluster, "discovery failed (" + e.getClass().getSimpleName() + ")");
            log.warn("Discovery of cluster {} failed: {}", cluster.id(), e.toString());
        }
    }
}
