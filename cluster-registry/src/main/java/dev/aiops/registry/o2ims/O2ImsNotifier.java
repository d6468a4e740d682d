package dev.aiops.registry.o2ims;

import dev.aiops.model.cluster.ClusterView;
import dev.aiops.registry.cluster.ClusterChange;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns cluster changes into O2 IMS notifications for every subscription whose filter accepts them,
 * in the shape of the API version the subscription was made through. It listens synchronously, inside
 * the transaction that changed the cluster, so a delivery row exists exactly when the change committed;
 * {@link O2ImsDeliveryRelay} sends it, whatever the version.
 *
 * <p>v2 notifications carry the object's state after the change, read in that transaction, and before
 * it, from {@code o2ims_object_state}: the last state reported while a v2 subscription existed. An
 * object not reported since then has no {@code priorObjectState} (the schema does not require it).
 */
@Component
class O2ImsNotifier {

    static final int CREATE = 0;
    static final int MODIFY = 1;
    static final int DELETE = 2;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final O2ImsInventory inventory;
    private final O2ImsV2Inventory v2Inventory;
    private final Clock clock;

    O2ImsNotifier(
            JdbcTemplate jdbc, JsonMapper json, O2ImsInventory inventory, O2ImsV2Inventory v2Inventory, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.inventory = inventory;
        this.v2Inventory = v2Inventory;
        this.clock = clock;
    }

    private record Target(String id, O2ImsVersion version, String consumerSubscriptionId, NotificationFilter filter) {}

    /** One change of one inventory object, with its v2 states when a v2 subscriber needs them. */
    private record Change(
            String objectType, int eventType, String objectId, String path, JsonNode prior, JsonNode post) {}

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
        boolean v2 = targets.stream().anyMatch(t -> t.version() == O2ImsVersion.V2);
        ClusterView cluster = change.cluster();
        String id = cluster.id().toString();
        String dmPath = "/deploymentManagers/" + id;
        JsonNode dmState = v2 && eventType != DELETE
                ? v2Inventory.deploymentManagers(id).stream()
                        .findFirst()
                        .map(json::valueToTree)
                        .map(JsonNode.class::cast)
                        .orElse(null)
                : null;
        enqueue(targets, change("DeploymentManager", eventType, id, dmPath, v2, dmState));

        String pool = inventory.poolOf(cluster.labels(), cluster.region());
        String poolId = O2ImsIds.pool(pool);
        String poolPath = "/resourcePools/" + poolId;
        if (eventType == CREATE && inventory.clustersInPool(pool) == 1) {
            JsonNode poolState = v2
                    ? v2Inventory
                            .resourcePool(poolId)
                            .map(json::valueToTree)
                            .map(JsonNode.class::cast)
                            .orElse(null)
                    : null;
            enqueue(targets, change("ResourcePool", CREATE, poolId, poolPath, v2, poolState));
        } else if (eventType == DELETE && inventory.clustersInPool(pool) == 0) {
            enqueue(targets, change("ResourcePool", DELETE, poolId, poolPath, v2, null));
        }
    }

    /** Builds a change; for v2 subscribers also swaps the object's recorded state for the new one. */
    private Change change(String objectType, int eventType, String objectId, String path, boolean v2, JsonNode post) {
        JsonNode prior = null;
        if (v2) {
            prior = jdbc
                    .query(
                            "select state from o2ims_object_state where object_ref = ? for update",
                            (rs, i) -> json.readTree(rs.getString("state")),
                            path)
                    .stream()
                    .findFirst()
                    .orElse(null);
            if (post == null) {
                jdbc.update("delete from o2ims_object_state where object_ref = ?", path);
            } else {
                jdbc.update(
                        "insert into o2ims_object_state (object_ref, state) values (?, ?) on conflict (object_ref)"
                                + " do update set state = excluded.state, updated_at = now()",
                        path,
                        json.writeValueAsString(post));
            }
        }
        return new Change(objectType, eventType, objectId, path, prior, post);
    }

    private void enqueue(List<Target> targets, Change change) {
        String now = clock.instant().toString();
        for (Target target : targets) {
            if (!target.filter().accepts(change.objectType(), change.eventType(), change.objectId())) {
                continue;
            }
            Object notification = switch (target.version()) {
                case V1 ->
                    new O2ImsModels.Notification(
                            target.consumerSubscriptionId(),
                            change.eventType(),
                            O2ImsIds.PREFIX + change.path(),
                            change.objectId(),
                            now);
                case V2 ->
                    new O2ImsV2Models.InventoryChangeNotification(
                            UUID.randomUUID().toString(),
                            target.consumerSubscriptionId(),
                            change.eventType(),
                            O2ImsIds.PREFIX_V2 + change.path(),
                            change.eventType() == CREATE ? null : change.prior(),
                            change.eventType() == DELETE ? null : change.post());
            };
            jdbc.update(
                    "insert into o2ims_delivery (subscription_id, payload) values (cast(? as uuid), ?)",
                    target.id(),
                    json.writeValueAsString(notification));
        }
    }

    private List<Target> subscriptions() {
        return jdbc.query(
                "select id, api_version, consumer_subscription_id, filter from o2ims_subscription",
                (rs, i) -> new Target(
                        rs.getString("id"),
                        O2ImsVersion.of(rs.getInt("api_version")),
                        rs.getString("consumer_subscription_id"),
                        NotificationFilter.parse(rs.getString("filter"))));
    }
}
