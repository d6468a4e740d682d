package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterCapabilities;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterStatus;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.cluster.CnfType;
import dev.aiops.model.cluster.Connectivity;
import java.util.List;
import java.util.Map;

final class ClusterMapper {

    private ClusterMapper() {}

    static ClusterView toView(ClusterEntity e) {
        ClusterStatus status = new ClusterStatus(
                e.getState() == null ? ClusterState.UNKNOWN : e.getState(),
                e.getHealthScore(),
                e.getConnectivity() == null ? Connectivity.DISCONNECTED : e.getConnectivity(),
                e.getLastError(),
                e.getApiServerHealthy(),
                e.getPrometheusHealthy(),
                e.getTempoHealthy(),
                e.getLokiHealthy());
        ClusterCapabilities capabilities = new ClusterCapabilities(
                e.isHasGpuNodes(),
                e.getGpuCount(),
                e.getGpuTypes(),
                e.isHasPrometheus(),
                e.isHasThanos(),
                e.isHasTempo(),
                e.isHasLoki(),
                e.isHasServiceMesh(),
                e.isHasCnfWorkloads(),
                cnfTypes(e.getCnfTypes()));
        ClusterEndpoints endpoints =
                new ClusterEndpoints(e.getPrometheusUrl(), e.getTempoUrl(), e.getLokiUrl(), e.getAlertmanagerUrl());
        return new ClusterView(
                e.getId(),
                e.getName(),
                e.getDisplayName(),
                e.getApiServerUrl(),
                e.getClusterType(),
                e.getPlatform(),
                e.getPlatformVersion(),
                e.getRegion(),
                e.getEnvironment(),
                status,
                capabilities,
                endpoints,
                e.getLabels() == null ? Map.of() : Map.copyOf(e.getLabels()),
                e.isHasCredentials(),
                e.getCredentialsExpiresAt(),
                e.getVersion(),
                e.getCreatedAt(),
                e.getUpdatedAt(),
                e.getLastSeenAt());
    }

    private static List<CnfType> cnfTypes(List<String> names) {
        return names.stream()
                .map(name -> {
                    try {
                        return CnfType.valueOf(name);
                    } catch (IllegalArgumentException ex) {
                        return CnfType.OTHER;
                    }
                })
                .distinct()
                .toList();
    }
}
