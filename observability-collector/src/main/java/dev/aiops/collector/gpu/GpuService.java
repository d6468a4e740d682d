package dev.aiops.collector.gpu;

import dev.aiops.collector.cluster.ClusterDirectory;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.model.gpu.GpuProcess;
import dev.aiops.model.gpu.GpuSummary;
import dev.aiops.platform.error.ApiException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** The GPU API's answers, all read from one {@link GpuTelemetry} snapshot. */
@Service
class GpuService {

    /** A Kubernetes node name: a DNS subdomain (RFC 1123), at most 253 characters. */
    private static final Pattern NODE_NAME =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private final GpuTelemetry telemetry;
    private final ClusterDirectory directory;
    private final GpuProperties settings;

    GpuService(GpuTelemetry telemetry, ClusterDirectory directory, GpuProperties settings) {
        this.telemetry = telemetry;
        this.directory = directory;
        this.settings = settings;
    }

    /** A {@code cluster_id} path segment, or 400 naming it. */
    static UUID clusterId(String value) {
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "cluster_id", "must be a valid UUID");
    }

    List<GpuNode> nodes(UUID clusterId) {
        if (clusterId != null) {
            requireKnownCluster(clusterId, "cluster_id");
        }
        return telemetry.current().nodes().stream()
                .filter(n -> clusterId == null || n.clusterId().equals(clusterId))
                .toList();
    }

    GpuNode node(UUID clusterId, String nodeName) {
        checkNodeName(nodeName);
        if (directory.find(clusterId).isEmpty()) {
            throw new ApiException(ErrorCode.CLUSTER_NOT_FOUND, "No cluster with id " + clusterId);
        }
        return telemetry.current().nodes().stream()
                .filter(n -> n.clusterId().equals(clusterId) && n.nodeName().equals(nodeName))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        ErrorCode.GPU_NODE_NOT_FOUND, "Cluster " + clusterId + " has no GPU node named " + nodeName));
    }

    List<GpuProcessView> processes(UUID clusterId, String nodeName) {
        if (clusterId != null) {
            requireKnownCluster(clusterId, "cluster_id");
        }
        if (nodeName != null) {
            checkNodeName(nodeName);
        }
        return telemetry.current().nodes().stream()
                .filter(n -> clusterId == null || n.clusterId().equals(clusterId))
                .filter(n -> nodeName == null || n.nodeName().equals(nodeName))
                .flatMap(n ->
                        n.gpus().stream().flatMap(g -> g.processes().stream().map(p -> view(n, g, p))))
                .toList();
    }

    GpuFleetSummary summary() {
        GpuTelemetry.Snapshot snapshot = telemetry.current();
        GpuSummary totals = GpuSummary.of(snapshot.nodes());
        List<GpuFleetSummary.GpuRef> all = snapshot.nodes().stream()
                .flatMap(n -> n.gpus().stream().map(g -> ref(n, g)))
                .toList();
        List<GpuFleetSummary.GpuRef> hottest = all.stream()
                .filter(r -> r.temperatureCelsius() != null)
                .sorted(Comparator.comparing(GpuFleetSummary.GpuRef::temperatureCelsius)
                        .reversed())
                .limit(settings.hottestCount())
                .toList();
        List<GpuFleetSummary.GpuRef> idle = snapshot.nodes().stream()
                .flatMap(n -> n.gpus().stream().filter(this::idle).map(g -> ref(n, g)))
                .toList();
        return new GpuFleetSummary(
                totals.clusterCount(),
                totals.nodeCount(),
                totals.gpuCount(),
                totals.avgUtilizationPercent(),
                totals.avgMemoryUtilizationPercent(),
                totals.memoryTotalMb(),
                totals.memoryUsedMb(),
                totals.processCount(),
                totals.gpusByType(),
                hottest,
                idle,
                snapshot.clustersFailed(),
                snapshot.collectedAt());
    }

    /** Idle: reported a utilisation at or below the idle threshold and runs no process we know of. */
    private boolean idle(Gpu gpu) {
        return gpu.utilizationGpuPercent() != null
                && gpu.utilizationGpuPercent() <= settings.idleUtilizationPercent()
                && gpu.processes().isEmpty();
    }

    private void requireKnownCluster(UUID clusterId, String field) {
        if (directory.resolve(List.of(clusterId)).clusters().isEmpty()) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, field, "unknown cluster id " + clusterId);
        }
    }

    private static void checkNodeName(String nodeName) {
        if (nodeName.length() > 253 || !NODE_NAME.matcher(nodeName).matches()) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED,
                    "node_name",
                    "must be a Kubernetes node name (lower-case RFC 1123 subdomain, at most 253 characters)");
        }
    }

    private static GpuFleetSummary.GpuRef ref(GpuNode n, Gpu g) {
        return new GpuFleetSummary.GpuRef(
                n.clusterId(),
                n.clusterName(),
                n.nodeName(),
                g.index(),
                g.uuid(),
                g.name(),
                g.temperatureCelsius(),
                g.utilizationGpuPercent(),
                g.memoryUsedMb());
    }

    private static GpuProcessView view(GpuNode n, Gpu g, GpuProcess p) {
        return new GpuProcessView(
                n.clusterId(),
                n.clusterName(),
                n.nodeName(),
                g.index(),
                g.uuid(),
                p.pid(),
                p.processName(),
                p.usedMemoryMb(),
                p.type());
    }
}
