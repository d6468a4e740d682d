package dev.aiops.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several real Prometheus servers, one per simulated cluster, each scraping its cluster's real targets
 * ({@link MetricsEndpoint}s), plus a "global" Prometheus that scrapes every one of those targets with a
 * {@code cluster} target label: the reference a federated answer must equal.
 *
 * <pre>{@code
 * try (PrometheusFleet fleet = PrometheusFleet.start(Map.of(
 *         "edge-1", List.of("node_load1 0.5\n"),
 *         "edge-2", List.of("node_load1 1.5\n")))) {
 *     fleet.prometheus("edge-1").url();
 *     fleet.global().query("sum(node_load1)");
 * }
 * }</pre>
 */
public final class PrometheusFleet implements AutoCloseable {

    /** The {@code job} label of every target of the fleet. */
    public static final String JOB = "node";

    private final Map<String, PrometheusServer> clusters;
    private final Map<String, List<MetricsEndpoint>> targets;
    private final PrometheusServer global;

    private PrometheusFleet(
            Map<String, PrometheusServer> clusters,
            Map<String, List<MetricsEndpoint>> targets,
            PrometheusServer global) {
        this.clusters = clusters;
        this.targets = targets;
        this.global = global;
    }

    /**
     * Starts one Prometheus per cluster name and the global one. Each exposition text becomes one target of
     * that cluster (job {@value #JOB}); scrapes run every {@code interval}.
     */
    public static PrometheusFleet start(Map<String, List<String>> expositionsByCluster, Duration interval) {
        Map<String, PrometheusServer> clusters = new LinkedHashMap<>();
        Map<String, List<MetricsEndpoint>> targets = new LinkedHashMap<>();
        PrometheusServer global = null;
        try {
            PrometheusServer.Builder globalBuilder = PrometheusServer.builder().interval(interval);
            for (var cluster : expositionsByCluster.entrySet()) {
                List<MetricsEndpoint> endpoints = new ArrayList<>();
                PrometheusServer.Builder builder = PrometheusServer.builder().interval(interval);
                int i = 0;
                for (String text : cluster.getValue()) {
                    MetricsEndpoint endpoint = MetricsEndpoint.serving(text);
                    endpoints.add(endpoint);
                    // one job per target: Prometheus wants job names unique; the job label stays the same
                    String jobName = JOB + "-" + i++;
                    builder.scrapeTarget(jobName, endpoint.hostPort(), MetricsEndpoint.PATH, Map.of("job", JOB));
                    globalBuilder.scrapeTarget(
                            cluster.getKey() + "-" + jobName,
                            endpoint.hostPort(),
                            MetricsEndpoint.PATH,
                            Map.of("job", JOB, "cluster", cluster.getKey()));
                }
                targets.put(cluster.getKey(), endpoints);
                clusters.put(cluster.getKey(), builder.start());
            }
            global = globalBuilder.start();
            return new PrometheusFleet(clusters, targets, global);
        } catch (RuntimeException e) {
            clusters.values().forEach(PrometheusServer::stop);
            targets.values().forEach(list -> list.forEach(MetricsEndpoint::close));
            throw e;
        }
    }

    public static PrometheusFleet start(Map<String, List<String>> expositionsByCluster) {
        return start(expositionsByCluster, Duration.ofSeconds(1));
    }

    public List<String> clusterNames() {
        return List.copyOf(clusters.keySet());
    }

    public PrometheusServer prometheus(String cluster) {
        PrometheusServer server = clusters.get(cluster);
        if (server == null) {
            throw new IllegalArgumentException("no cluster " + cluster + " in this fleet");
        }
        return server;
    }

    public List<MetricsEndpoint> targets(String cluster) {
        return targets.get(cluster);
    }

    /** The Prometheus that scrapes every target of every cluster, with a {@code cluster} target label. */
    public PrometheusServer global() {
        return global;
    }

    @Override
    public void close() {
        clusters.values().forEach(PrometheusServer::stop);
        if (global != null) {
            global.stop();
        }
        targets.values().forEach(list -> list.forEach(MetricsEndpoint::close));
    }
}
