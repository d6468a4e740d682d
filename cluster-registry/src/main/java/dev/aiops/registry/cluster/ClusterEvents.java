package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterChangedEvent;
import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.cluster.CredentialsExpiringEvent;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.outbox.Outbox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Every cluster event leaves through here: into the outbox, and to in-process listeners, in the caller's transaction. */
@Component
public class ClusterEvents {

    static final String SOURCE = "cluster-registry";

    private final Outbox outbox;
    private final ApplicationEventPublisher publisher;

    ClusterEvents(Outbox outbox, ApplicationEventPublisher publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void changed(EventType type, ClusterView cluster) {
        outbox.add(EventEnvelope.of(type, SOURCE, cluster.id(), new ClusterChangedEvent(cluster)));
        publisher.publishEvent(new ClusterChange(type, cluster));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void statusChanged(ClusterStatusChangedEvent event) {
        outbox.add(EventEnvelope.of(EventType.CLUSTER_STATUS_CHANGED, SOURCE, event.clusterId(), event));
    }

    public void credentialsExpiring(CredentialsExpiringEvent event) {
        outbox.add(EventEnvelope.of(EventType.CLUSTER_CREDENTIALS_EXPIRING, SOURCE, event.clusterId(), event));
    }
}
