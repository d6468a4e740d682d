package dev.aiops.collector.gpu;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.cluster.ClusterDirectory;
import dev.aiops.collector.metrics.FleetQueries;
import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The fleet's GPUs: collected from DCGM exporter metrics with one federated PromQL query, and for the
 * clusters whose Prometheus has none (or that have no Prometheus) from nvidia-smi in their driver pods.
 * One collection answers the API for {@code cache-ttl} (5 s); concurrent callers of a stale snapshot wait
 * for the same collection rather than starting their own. Every collection, on demand or by the background
 * poll, sends GPU_UPDATE for the nodes that changed beyond the thresholds.
 *
 * <p>GPU_UPDATE goes straight to the event bus, not through the outbox: nothing is written to the database
 * with it, and an event that fails to go out is sent again by the next collection. Which change was already
 * reported is shared by the replicas ({@link GpuUpdates}), so each change is published once.
 */
@Service
class GpuTelemetry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GpuTelemetry.class);
    static final String SOURCE = "observability-collector";

    /** One collection: the nodes, and the clusters that could not be read (with why). */
    record Snapshot(List<GpuNode> nodes, List<String> clustersFailed, Instant collectedAt, long collectedNanos) {}

    private final ClusterDirectory directory;
    private final FleetQueries fleet;
    private final NvidiaSmiSource nvidiaSmi;
    private final KubernetesClients kubernetes;
    private final GpuProperties settings;
    private final GpuUpdates updates;
    private final GpuMetrics metrics;
    private final ExecutorService execPool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "gpu-exec");
        t.setDaemon(true);
        return t;
    });
    private volatile Snapshot snapshot;

    GpuTelemetry(
            ClusterDirectory directory,
            FleetQueries fleet,
            NvidiaSmiSource nvidiaSmi,
            KubernetesClients kubernetes,
            GpuUpdates updates,
            GpuMetrics metrics,
            GpuProperties settings) {
        this.directory = directory;
        this.fleet = fleet;
        this.nvidiaSmi = nvidiaSmi;
        this.kubernetes = kubernetes;
        this.updates = updates;
        this.metrics = metrics;
        this.settings = settings;
    }

    /** The current snapshot, collected now when the cached one is older than the cache TTL. */
    Snapshot current() {
        Snapshot s = snapshot;
        if (fresh(s)) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (fresh(s)) {
                return s;
            }
            return collect();
        }
    }

    @Scheduled(
            fixedDelayString = "${aiops.collector.gpu.poll-interval:30s}",
            initialDelayString = "${aiops.collector.gpu.poll-interval:30s}")
    void poll() {
        if (!settings.pollEnabled()) {
            return;
        }
        try {
            current();
        } catch (RuntimeException e) {
            // the registry may be restarting; the next poll tries again
            log.warn("GPU collection failed: {}", e.toString());
        }
    }

    private boolean fresh(Snapshot s) {
        return s != null
                && System.nanoTime() - s.collectedNanos() < settings.cacheTtl().toNanos();
    }

    private synchronized Snapshot collect() {
        List<ClusterConnection> clusters = directory.all();
        Instant now = Instant.now();
        List<String> failed = new ArrayList<>();
        Map<UUID, Map<String, List<Gpu>>> byCluster = new LinkedHashMap<>();
        Set<UUID> dcgmAnswered = new HashSet<>();
        // the clusters read completely, whose missing nodes count as gone
        Set<UUID> answered = new HashSet<>();
        for (FleetQueries.ClusterSeries answer : fleet.instant(Dcgm.QUERY, settings.queryTimeout())) {
            Map<String, List<Gpu>> nodes = Dcgm.gpusByNode(answer.series());
            if (!nodes.isEmpty()) {
                byCluster.put(answer.cluster().id(), nodes);
                dcgmAnswered.add(answer.cluster().id());
                answered.add(answer.cluster().id());
            } else if (answer.succeeded() && !canExec(answer.cluster())) {
                answered.add(answer.cluster().id());
            } else if (!answer.succeeded() && !canExec(answer.cluster())) {
                failed.add(answer.cluster().name() + ": " + answer.error());
            }
        }
        Map<ClusterConnection, CompletableFuture<NvidiaSmiSource.Readings>> execs = new LinkedHashMap<>();
        for (ClusterConnection cluster : clusters) {
            if (!dcgmAnswered.contains(cluster.id()) && canExec(cluster)) {
                execs.put(cluster, CompletableFuture.supplyAsync(() -> nvidiaSmi.read(cluster), execPool));
            }
        }
        execs.forEach((cluster, future) -> {
            try {
                NvidiaSmiSource.Readings readings =
                        future.get(settings.exec().timeout().toMillis() * 4, TimeUnit.MILLISECONDS);
                if (!readings.gpusByNode().isEmpty()) {
                    byCluster.put(cluster.id(), readings.gpusByNode());
                }
                readings.errors().forEach(e -> failed.add(cluster.name() + ": " + e));
                if (readings.errors().isEmpty()) {
                    answered.add(cluster.id());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                failed.add(cluster.name() + ": " + describe(e.getCause()));
            } catch (java.util.concurrent.TimeoutException e) {
                future.cancel(true);
                failed.add(cluster.name() + ": nvidia-smi did not answer in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(cluster.name() + ": interrupted");
            }
        });
        kubernetes.retainOnly(clusters.stream().map(ClusterConnection::id).toList());
        Map<UUID, String> names = new LinkedHashMap<>();
        clusters.forEach(c -> names.put(c.id(), c.name()));
        List<GpuNode> nodes = new ArrayList<>();
        byCluster.forEach((clusterId, gpusByNode) -> gpusByNode.forEach(
                (node, gpus) -> nodes.add(new GpuNode(clusterId, names.get(clusterId), node, gpus, now))));
        nodes.sort(Comparator.comparing((GpuNode n) -> String.valueOf(n.clusterName()))
                .thenComparing(GpuNode::nodeName));
        metrics.record(clusters, answered, nodes, now);
        updates.publish(nodes, answered);
        Snapshot fresh = new Snapshot(List.copyOf(nodes), List.copyOf(failed), now, System.nanoTime());
        snapshot = fresh;
        return fresh;
    }

    private boolean canExec(ClusterConnection cluster) {
        return settings.exec().enabled() && cluster.hasApiServerCredentials();
    }

    private static String describe(Throwable e) {
        if (e instanceof NvidiaSmiSource.ExecFailedException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof io.fabric8.kubernetes.client.KubernetesClientException k) {
            return "Kubernetes API answered " + (k.getCode() > 0 ? "HTTP " + k.getCode() : "with an error");
        }
        return e.getClass().getSimpleName();
    }

    @Override
    public void destroy() {
        execPool.shutdownNow();
    }
}
