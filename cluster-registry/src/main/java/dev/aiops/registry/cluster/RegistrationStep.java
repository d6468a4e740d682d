package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterCreateRequest;
import java.util.UUID;

/**
 * Work other features do inside the registration transaction (storing the credentials sent along),
 * so that this package need not know them.
 */
public interface RegistrationStep {

    void afterCreate(UUID clusterId, ClusterCreateRequest request);
}
