package dev.aiops.collector.gpu;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The latest GPU readings as gauges on the collector's own {@code /actuator/prometheus}, so that Grafana can
 * chart them (the readings themselves live on each cluster's Prometheus or come from nvidia-smi, which the
 * platform's Prometheus does not scrape).
 *
 * <p>Every collection replaces the whole set: a GPU (or node, or cluster) that is no longer read is removed,
 * never left frozen at its last value. A cluster that could not be read this time loses its GPU series too;
 * what remains of it is {@code aiops_gpu_collection_success 0} and a growing {@code aiops_gpu_readings_age_seconds},
 * which is how a dashboard tells "no GPUs" from "no news". Series are bounded by the registered clusters and
 * their GPUs: labels are identities (cluster, node, index, uuid, model), never readings.
 */
@Component
class GpuMetrics {

    private final Clock clock;
    private final MultiGauge utilization;
    private final MultiGauge memoryUsed;
    private final MultiGauge memoryTotal;
    private final MultiGauge temperature;
    private final MultiGauge powerDraw;
    private final MultiGauge powerLimit;
    private final MultiGauge gpuCount;
    private final MultiGauge collectionSuccess;
    private final MultiGauge lastSuccess;
    private final MultiGauge readingsAge;
    /** Per cluster, when a collection last read it completely; only for clusters still registered. */
    private final Map<UUID, Instant> lastSuccessByCluster = new HashMap<>();

    private volatile State state = new State(Map.of(), Map.of(), Map.of(), Map.of());

    GpuMetrics(MeterRegistry meters) {
        this.clock = Clock.systemUTC();
        this.utilization = gauge(meters, "aiops.gpu.utilization.ratio", "GPU utilisation (0..1), latest reading");
        this.memoryUsed = gauge(meters, "aiops.gpu.memory.used.bytes", "GPU framebuffer memory used, latest reading");
        this.memoryTotal = gauge(meters, "aiops.gpu.memory.total.bytes", "GPU framebuffer memory in total");
        this.temperature = gauge(meters, "aiops.gpu.temperature.celsius", "GPU temperature, latest reading");
        this.powerDraw = gauge(meters, "aiops.gpu.power.draw.watts", "GPU power draw, latest reading");
        this.powerLimit = gauge(meters, "aiops.gpu.power.limit.watts", "GPU power limit, where the board reports one");
        this.gpuCount = gauge(meters, "aiops.gpu.count", "GPUs the latest collection read on the cluster");
        this.collectionSuccess = gauge(
                meters, "aiops.gpu.collection.success", "1 if the latest GPU collection read the cluster completely");
        this.lastSuccess = gauge(
                meters,
                "aiops.gpu.last.success.timestamp.seconds",
                "When a GPU collection last read the cluster completely (Unix time)");
        this.readingsAge = gauge(
                meters,
                "aiops.gpu.readings.age.seconds",
                "Seconds since a GPU collection last read the cluster completely");
    }

    private static MultiGauge gauge(MeterRegistry meters, String name, String description) {
        return MultiGauge.builder(name).description(description).register(meters);
    }

    /**
     * Replaces every series with what one collection found. {@code clusters}: those registered now;
     * {@code answered}: those read completely; {@code nodes}: the GPUs read (of answered clusters, and what
     * could be read of the others).
     */
    synchronized void record(List<ClusterConnection> clusters, Set<UUID> answered, List<GpuNode> nodes, Instant at) {
        Map<UUID, Tags> clusterTags = new LinkedHashMap<>();
        clusters.forEach(c -> clusterTags.put(c.id(), clusterTags(c.id(), c.name())));
        lastSuccessByCluster.keySet().retainAll(clusterTags.keySet());
        answered.stream().filter(clusterTags::containsKey).forEach(id -> lastSuccessByCluster.put(id, at));

        Map<Tags, Gpu> read = new LinkedHashMap<>();
        Map<UUID, Integer> counts = new HashMap<>();
        for (GpuNode node : nodes) {
            if (!clusterTags.containsKey(node.clusterId())) {
                continue; // deleted while it was being read
            }
            for (Gpu gpu : node.gpus()) {
                Tags tags = clusterTags
                        .get(node.clusterId())
                        .and(
                                "node", node.nodeName(),
                                "gpu", String.valueOf(gpu.index()),
                                "uuid", orEmpty(gpu.uuid()),
                                "model", orEmpty(gpu.name()));
                if (read.putIfAbsent(tags, gpu) == null) {
                    counts.merge(node.clusterId(), 1, Integer::sum);
                }
            }
        }
        Map<Tags, Double> perCluster = new HashMap<>();
        Map<Tags, Double> success = new HashMap<>();
        Map<Tags, Instant> last = new HashMap<>();
        clusterTags.forEach((id, tags) -> {
            success.put(tags, answered.contains(id) ? 1.0 : 0.0);
            if (answered.contains(id) || counts.containsKey(id)) {
                perCluster.put(tags, counts.getOrDefault(id, 0).doubleValue());
            }
            if (lastSuccessByCluster.containsKey(id)) {
                last.put(tags, lastSuccessByCluster.get(id));
            }
        });
        // the values first, then the set of series: a scrape in between reads new values (NaN for a series
        // about to go), never a value from the collection before
        state = new State(Map.copyOf(read), Map.copyOf(perCluster), Map.copyOf(success), Map.copyOf(last));

        utilization.register(gpuRows(read, g -> percentToRatio(g.utilizationGpuPercent())), false);
        memoryUsed.register(gpuRows(read, g -> mibToBytes(g.memoryUsedMb())), false);
        memoryTotal.register(gpuRows(read, g -> mibToBytes(g.memoryTotalMb())), false);
        temperature.register(gpuRows(read, Gpu::temperatureCelsius), false);
        powerDraw.register(gpuRows(read, Gpu::powerDrawWatts), false);
        powerLimit.register(gpuRows(read, Gpu::powerLimitWatts), false);
        gpuCount.register(rows(perCluster.keySet(), t -> state.gpuCounts().get(t)), false);
        collectionSuccess.register(rows(success.keySet(), t -> state.success().get(t)), false);
        lastSuccess.register(
                rows(last.keySet(), t -> epochSeconds(state.lastSuccess().get(t))), false);
        // computed when scraped, so that a collector that stopped collecting shows it
        readingsAge.register(rows(last.keySet(), t -> age(state.lastSuccess().get(t))), false);
    }

    /** What the gauges read when scraped; replaced whole by each collection. */
    private record State(
            Map<Tags, Gpu> gpus,
            Map<Tags, Double> gpuCounts,
            Map<Tags, Double> success,
            Map<Tags, Instant> lastSuccess) {}

    /**
     * The series to keep, each reading {@link #state} when scraped (registered with overwrite off, a series
     * that stays is neither removed nor re-created by a collection).
     */
    private List<MultiGauge.Row<?>> gpuRows(Map<Tags, Gpu> read, Function<Gpu, Double> value) {
        // a reading the board does not report (nvidia-smi's [N/A]) is absent, not 0
        Set<Tags> present = new HashSet<>();
        read.forEach((tags, gpu) -> {
            if (value.apply(gpu) != null) {
                present.add(tags);
            }
        });
        return rows(present, t -> {
            Gpu gpu = state.gpus().get(t);
            return gpu == null ? null : value.apply(gpu);
        });
    }

    private static List<MultiGauge.Row<?>> rows(Set<Tags> series, Function<Tags, Double> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Tags tags : series) {
            rows.add(MultiGauge.Row.of(tags, tags, t -> {
                Double v = value.apply(t);
                return v == null ? Double.NaN : v;
            }));
        }
        return rows;
    }

    private Double age(Instant last) {
        return last == null ? null : (clock.millis() - last.toEpochMilli()) / 1000.0;
    }

    private static Double epochSeconds(Instant at) {
        return at == null ? null : at.toEpochMilli() / 1000.0;
    }

    private static Tags clusterTags(UUID id, String name) {
        return Tags.of("cluster", orEmpty(name), "cluster_id", id.toString());
    }

    private static Double percentToRatio(Double percent) {
        return percent == null ? null : percent / 100.0;
    }

    private static Double mibToBytes(Long mib) {
        return mib == null ? null : mib * 1024.0 * 1024.0;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
