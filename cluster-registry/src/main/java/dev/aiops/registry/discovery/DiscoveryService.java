package dev.aiops.registry.discovery;

import dev.aiops.model.cluster.ClusterCapabilities;
import dev.aiops.model.event.EventType;
import dev.aiops.registry.cluster.ClusterEvents;
import dev.aiops.registry.cluster.ClusterService;
import dev.aiops.registry.config.RegistryProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores what discovery found, and announces changed capabilities (CLUSTER_CAPABILITIES_CHANGED). */
@Service
class DiscoveryService {

    private final DiscoveryStore store;
    private final ClusterService clusters;
    private final ClusterEvents events;
    private final RegistryProperties.Discovery properties;
    private final Clock clock;

    DiscoveryService(
            DiscoveryStore store,
            ClusterService clusters,
            ClusterEvents events,
            RegistryProperties properties,
            Clock clock) {
        this.store = store;
        this.clusters = clusters;
        this.events = events;
        this.properties = properties.discovery();
        this.clock = clock;
    }

    /** Returns true when the capabilities or platform changed. */
    @Transactional
    boolean recordSuccess(DiscoveryStore.Claimed claimed, Discovery discovery) {
        Optional<DiscoveryStore.Current> locked = store.lockIfOwner(claimed.id(), claimed.owner());
        if (locked.isEmpty()) {
            return false; // deleted meanwhile, or the lease expired and someone else is on it
        }
        DiscoveryStore.Current current = locked.get();
        Instant now = clock.instant();
        store.writeSuccess(
                claimed.id(),
                discovery.platform(),
                discovery.platformVersion(),
                discovery.capabilities(),
                now,
                now.plus(properties.interval()));
        store.replaceNodes(claimed.id(), discovery.nodes(), now);
        boolean changed = !same(current.capabilities(), discovery.capabilities())
                || current.platform() != discovery.platform()
                || !Objects.equals(current.platformVersion(), discovery.platformVersion());
        if (changed) {
            events.changed(EventType.CLUSTER_CAPABILITIES_CHANGED, clusters.current(claimed.id()));
        }
        return changed;
    }

    /** A cluster without credentials: only its configured endpoints can be known. */
    @Transactional
    void recordWithoutCredentials(DiscoveryStore.Claimed claimed) {
        Optional<DiscoveryStore.Current> locked = store.lockIfOwner(claimed.id(), claimed.owner());
        if (locked.isEmpty()) {
            return;
        }
        ClusterCapabilities before = locked.get().capabilities();
        ClusterCapabilities after = KubernetesDiscoverer.fromEndpoints(claimed.endpoints(), before);
        store.writeCapabilitiesOnly(
                claimed.id(),
                after,
                "no credentials stored: only configured endpoints are known",
                clock.instant().plus(properties.interval()));
        if (!same(before, after)) {
            events.changed(EventType.CLUSTER_CAPABILITIES_CHANGED, clusters.current(claimed.id()));
        }
    }

    @Transactional
    void recordFailure(DiscoveryStore.Claimed claimed, String error) {
        store.writeFailure(claimed.id(), claimed.owner(), error, clock.instant().plus(properties.retryAfterFailure()));
    }

    private static boolean same(ClusterCapabilities a, ClusterCapabilities b) {
        return a.hasGpuNodes() == b.hasGpuNodes()
                && a.gpuCount() == b.gpuCount()
                && List.copyOf(a.gpuTypes()).equals(List.copyOf(b.gpuTypes()))
                && a.hasPrometheus() == b.hasPrometheus()
                && a.hasThanos() == b.hasThanos()
                && a.hasTempo() == b.hasTempo()
                && a.hasLoki() == b.hasLoki()
                && a.hasServiceMesh() == b.hasServiceMesh()
                && a.hasCnfWorkloads() == b.hasCnfWorkloads()
                && new java.util.HashSet<>(a.cnfTypes()).equals(new java.util.HashSet<>(b.cnfTypes()));
    }
}
