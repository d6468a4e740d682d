package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterView;

final class ClusterMapper {

    private ClusterMapper() {}

    static ClusterView toView(ClusterEntity e) {
        return new ClusterView(
                e.id(),
                e.name(),
                e.displayName(),
                e.apiServerUrl(),
                e.clusterType(),
                e.platform(),
                e.platformVersion(),
                e.region(),
                e.environment(),
                e.status(),
                e.capabilities(),
                e.endpoints(),
                e.labels(),
                e.hasCredentials(),
                e.credentialsExpiresAt(),
                e.version(),
                e.createdAt(),
                e.updatedAt(),
                e.lastSeenAt());
    }
}
