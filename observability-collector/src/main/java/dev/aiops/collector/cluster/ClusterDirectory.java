package dev.aiops.collector.cluster;

import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clusters the collector queries and how to reach them: loaded from cluster-registry, kept in memory,
 * updated from CLUSTER_* notifications and re-read in full periodically. A cluster removed here is no longer
 * queried from the next request on.
 */
@Component
public class ClusterDirectory {

    private static final Logger log = LoggerFactory.getLogger(ClusterDirectory.class);

    private final RegistryClient registry;
    private final Map<UUID, ClusterConnection> connections = new ConcurrentHashMap<>();
    // ids deleted while a full reload was running: that reload must not bring them back
    private final Set<UUID> deletedDuringReload = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    ClusterDirectory(RegistryClient registry) {
        this.registry = registry;
    }

    /** Every known cluster with a Prometheus, by name. */
    public List<ClusterConnection> withPrometheus() {
        ensureLoaded();
        return connections.values().stream()
                .filter(ClusterConnection::hasPrometheus)
                .sorted(Comparator.comparing(ClusterConnection::name))
                .toList();
    }

    /** Every known cluster with an Alertmanager, by name: the ones the alert poll reads. */
    public List<ClusterConnection> withAlertmanager() {
        ensureLoaded();
        return connections.values().stream()
                .filter(ClusterConnection::hasAlertmanager)
                .sorted(Comparator.comparing(ClusterConnection::name))
                .toList();
    }

    /**
     * The cluster of that name (names are unique in the registry); one not in the cache is looked up once in
     * the registry, as {@link #resolve} does for ids: it may have been registered a moment ago.
     */
    public Optional<ClusterConnection> findByName(String name) {
        ensureLoaded();
        Optional<ClusterConnection> cached =
                connections.values().stream().filter(c -> c.name().equals(name)).findFirst();
        if (cached.isPresent()) {
            return cached;
        }
        return registry.idByName(name).flatMap(this::refresh);
    }

    /**
     * Every known cluster, with or without Prometheus, by name: GPU telemetry also reaches clusters
     * through their API server.
     */
    public List<ClusterConnection> all() {
        ensureLoaded();
        return connections.values().stream()
                .sorted(Comparator.comparing(ClusterConnection::name))
                .toList();
    }

    /**
     * The given clusters in order; an id not in the cache is looked up once in the registry (it may have
     * been registered a moment ago). Ids the registry does not know are returned in {@code unknown}.
     */
    public Resolution resolve(Collection<UUID> ids) {
        ensureLoaded();
        Map<UUID, ClusterConnection> found = new LinkedHashMap<>();
        List<UUID> unknown = new ArrayList<>();
        for (UUID id : ids) {
            ClusterConnection c = connections.get(id);
            if (c == null) {
                c = refresh(id).orElse(null);
            }
            if (c == null) {
                unknown.add(id);
            } else {
                found.put(id, c);
            }
        }
        return new Resolution(List.copyOf(found.values()), List.copyOf(unknown));
    }

    public Optional<ClusterConnection> find(UUID id) {
        ensureLoaded();
        return Optional.ofNullable(connections.get(id));
    }

    public record Resolution(List<ClusterConnection> clusters, List<UUID> unknown) {}

    /** Re-reads one cluster's connection; removes it when the registry no longer has it. */
    Optional<ClusterConnection> refresh(UUID id) {
        Optional<ClusterConnection> connection = registry.connection(id);
        connection.ifPresentOrElse(c -> connections.put(id, c), () -> connections.remove(id));
        return connection;
    }

    void remove(UUID id) {
        deletedDuringReload.add(id);
        connections.remove(id);
    }

    private void ensureLoaded() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    try {
                        reload();
                    } catch (RuntimeException e) {
                        log.warn("Loading clusters from the registry failed: {}", e.toString());
                        throw new ApiException(
                                ErrorCode.SERVICE_UNAVAILABLE,
                                "The cluster registry is not reachable; try again shortly");
                    }
                }
            }
        }
    }

    @Scheduled(
            fixedDelayString = "${aiops.collector.registry.refresh-interval:60s}",
            initialDelayString = "${aiops.collector.registry.refresh-interval:60s}")
    void scheduledReload() {
        try {
            reload();
        } catch (RuntimeException e) {
            // keep serving the last known fleet; the registry may be restarting
            log.warn("Reloading clusters from the registry failed: {}", e.toString());
        }
    }

    synchronized void reload() {
        deletedDuringReload.clear();
        Map<UUID, ClusterConnection> fresh = new HashMap<>();
        // every cluster is kept: withPrometheus() and withAlertmanager() filter for the federation and the
        // alert poll, and GPU telemetry also reaches clusters through their API server
        for (ClusterView cluster : registry.clusters()) {
            registry.connection(cluster.id()).ifPresent(c -> fresh.put(c.id(), c));
        }
        fresh.keySet().removeAll(deletedDuringReload);
        connections.keySet().retainAll(fresh.keySet());
        connections.putAll(fresh);
        loaded = true;
        log.info("Loaded {} clusters from the registry", fresh.size());
    }
}
