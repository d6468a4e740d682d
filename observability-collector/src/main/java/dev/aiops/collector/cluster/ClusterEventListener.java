package dev.aiops.collector.cluster;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.Notifications;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Keeps {@link ClusterDirectory} current from CLUSTER_* events. Pub/sub rather than a consumer group:
 * every collector replica holds its own cache, so every replica must see every event.
 */
@Component
class ClusterEventListener {

    private static final Logger log = LoggerFactory.getLogger(ClusterEventListener.class);

    private final ClusterDirectory directory;

    ClusterEventListener(Notifications notifications, ClusterDirectory directory) {
        this.directory = directory;
        notifications.subscribe(EventDomain.CLUSTER, this::onEvent);
    }

    void onEvent(EventEnvelope<JsonNode> event) {
        UUID clusterId = event.clusterId();
        if (clusterId == null) {
            return;
        }
        EventType type = event.eventType();
        if (type == EventType.CLUSTER_DELETED) {
            directory.remove(clusterId);
        } else if (type == EventType.CLUSTER_REGISTERED
                || type == EventType.CLUSTER_UPDATED
                || type == EventType.CLUSTER_CREDENTIALS_UPDATED
                || type == EventType.CLUSTER_CAPABILITIES_CHANGED) {
            try {
                directory.refresh(clusterId);
            } catch (RuntimeException e) {
                log.warn("Refreshing cluster {} after {} failed: {}", clusterId, type, e.toString());
            }
        }
    }
}
