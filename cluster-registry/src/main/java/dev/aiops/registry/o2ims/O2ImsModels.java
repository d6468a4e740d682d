package dev.aiops.registry.o2ims;

import java.util.List;
import java.util.Map;

/**
 * The O2 IMS InventoryInventory dialect (camelCase, as in O-RAN.WG6.O2IMS-INTERFACE and o-ran-sc
 * pti-o2). Records here are serialized with their Java names, which are the standard's.
 */
final class O2ImsModels {

    private O2ImsModels() {}

    record ApiVersions(String uriPrefix, List<ApiVersion> apiVersions) {}

    record ApiVersion(String version) {}

    record OCloud(
            String oCloudId,
            String globalCloudId,
            String name,
            String description,
            String serviceUri,
            Map<String, Object> extensions) {}

    record ResourceType(
            String resourceTypeId,
            String name,
            String description,
            String vendor,
            String model,
            String version,
            String resourceKind,
            String resourceClass,
            Map<String, Object> extensions) {}

    record ResourcePool(
            String resourcePoolId,
            String globalLocationId,
            String name,
            String description,
            String oCloudId,
            String location,
            Map<String, Object> extensions) {}

    record Resource(
            String resourceId,
            String resourceTypeId,
            String resourcePoolId,
            String globalAssetId,
            String parentId,
            String description,
            List<Object> elements,
            Map<String, Object> extensions) {}

    record DeploymentManager(
            String deploymentManagerId,
            String name,
            String description,
            String oCloudId,
            String serviceUri,
            List<String> supportedLocations,
            Map<String, Object> capabilities,
            Map<String, Object> capacity,
            List<String> profileSupportList,
            Map<String, Object> extensions) {}

    /** Request body of {@code POST /subscriptions}. */
    record SubscriptionRequest(String callback, String consumerSubscriptionId, String filter) {}

    record Subscription(String subscriptionId, String callback, String consumerSubscriptionId, String filter) {}

    /**
     * What a callback receives. {@code notificationEventType} 0 = CREATE, 1 = MODIFY, 2 = DELETE;
     * {@code consumerSubscriptionId} echoes the subscriber's own id, as pti-o2 does.
     */
    record Notification(
            String consumerSubscriptionId, int notificationEventType, String objectRef, String id, String updatetime) {}
}
