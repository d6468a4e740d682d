package dev.aiops.registry.credentials;

import dev.aiops.model.event.EventType;
import dev.aiops.registry.cluster.ClusterChange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Closes a deleted cluster's cached Kubernetes client once the deletion committed. */
@Component
class ClientCacheEviction {

    private final KubernetesClients clients;

    ClientCacheEviction(KubernetesClients clients) {
        this.clients = clients;
    }

    @TransactionalEventListener
    void onChange(ClusterChange change) {
        if (change.type() == EventType.CLUSTER_DELETED || change.type() == EventType.CLUSTER_UPDATED) {
            clients.evict(change.cluster().id());
        }
    }
}
