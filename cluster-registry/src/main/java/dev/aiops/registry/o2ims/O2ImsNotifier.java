package dev.aiops.registry.o2ims;

import dev.aiops.model.cluster.ClusterView;
import dev.aiops.registry.cluster.ClusterChange;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns cluster changes into O2 IMS notifications for every subscription whose filter accepts them.
 * It listens synchronously, inside the transaction that changed the cluster, so a delivery row exists
 * exactly when the change committed; {@link O2ImsDeliveryRelay} sends it.
 */
@Component
class O2ImsNotifier {

    static final int CREATE = 0;
    static final int MODIFY = 1;
    static final int DELETE = 2;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final O2ImsInventory inventory;
    private final Clock clock;

    O2ImsNotifier(JdbcTemplate jdbc, JsonMapper json, O2ImsInventory inventory, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.inventory = inventory;
        this.clock = clock;
    }

    private record Target(String id, String consumerSubscriptionId, NotificationFilter filter) {}

    @EventListener
    void onClusterChange(ClusterChange change) {
        int eventType;
        switch (change.type()) {
            case CLUSTER_REGISTERED -> eventType = CREATE;
            case CLUSTER_UPDATED, CLUSTER_CAPABILITIES_CHANGED -> eventType = MODIFY;
            case CLUSTER_DELETED -> eventType = DELETE;
            default -> {
                return; // credentials and status are not part of the inventory
            }
        }
        List<Target> targets = subscriptions();
        if (targets.isEmpty()) {
            return;
        }
        ClusterView cluster = change.cluster();
        String id = cluster.id().toString();
        enqueue(targets, "DeploymentManager", eventType, O2ImsIds.PREFIX + "/deploymentManagers/" + id, id);

        String pool = inventory.poolOf(cluster.labels(), cluster.region());
        String poolId = O2ImsIds.pool(pool);
        if (eventType == CREATE && inventory.clustersInPool(pool) == 1) {
            enqueue(targets, "ResourcePool", CREATE, O2ImsIds.PREFIX + "/resourcePools/" + poolId, poolId);
        } else if (eventType == DELETE && inventory.clustersInPool(pool) == 0) {
            enqueue(targets, "ResourcePool", DELETE, O2ImsIds.PREFIX + "/resourcePools/" + poolId, poolId);
        }
    }

    private void enqueue(List<Target> targets, String objectType, int eventType, String objectRef, String objectId) {
        String now = clock.instant().toString();
        for (Target target : targets) {
            if (!target.filter().accepts(objectType, eventType, objectId)) {
                continue;
            }
            O2ImsModels.Notification notification =
                    new O2ImsModels.Notification(target.consumerSubscriptionId(), eventType, objectRef, objectId, now);
            jdbc.update(
                    "insert into o2ims_delivery (subscription_id, payload) values (cast(? as uuid), ?)",
                    target.id(),
                    json.writeValueAsString(notification));
        }
    }

    private List<Target> subscriptions() {
        return jdbc.query(
                "select id, consumer_subscription_id, filter from o2ims_subscription",
                (rs, i) -> new Target(
                        rs.getString("id"),
                        rs.getString("consumer_subscription_id"),
                        NotificationFilter.parse(rs.getString("filter"))));
    }
}
