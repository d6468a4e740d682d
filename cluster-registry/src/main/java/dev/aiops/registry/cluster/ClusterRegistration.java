package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterCreateRequest;
import dev.aiops.model.cluster.ClusterView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration as one transaction: the cluster, its credentials when given, and CLUSTER_REGISTERED.
 * A failure anywhere (a bad kubeconfig, a name taken meanwhile) leaves nothing behind.
 */
@Service
class ClusterRegistration {

    private final ClusterService clusters;
    private final java.util.List<RegistrationStep> steps;

    ClusterRegistration(ClusterService clusters, java.util.List<RegistrationStep> steps) {
        this.clusters = clusters;
        this.steps = steps;
    }

    @Transactional
    ClusterView register(ClusterCreateRequest request) {
        ClusterView created = clusters.create(request);
        for (RegistrationStep step : steps) {
            step.afterCreate(created.id(), request);
        }
        clusters.registered(created.id());
        return clusters.current(created.id());
    }
}
