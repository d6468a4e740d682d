package dev.aiops.registry.o2ims;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The O2 IMS v2 dialect, field for field as in the O-RAN OpenAPI (O2ims Interface Specification 11.0,
 * {@code resources-openapi.yaml} / {@code common-openapi.yaml}). Optional members are left out rather
 * than sent as {@code null}, which the schema does not allow.
 */
final class O2ImsV2Models {

    private O2ImsV2Models() {}

    record OCloudInfo(
            String oCloudId,
            String globalCloudId,
            String name,
            String description,
            String serviceUri,
            Map<String, Object> extensions) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ResourceTypeInfo")
    record ResourceType(
            String resourceTypeId,
            String name,
            String description,
            String vendor,
            String model,
            String version,
            String alarmDictionaryId,
            String resourceKind,
            String resourceClass,
            Map<String, Object> extensions) {}

    @Schema(name = "ResourcePoolInfo")
    record ResourcePool(
            String resourcePoolId,
            String name,
            String oCloudSiteId,
            String description,
            Map<String, Object> extensions) {}

    @Schema(name = "ResourceInfo")
    record Resource(
            String resourceId,
            String resourcePoolId,
            String description,
            String resourceTypeId,
            String globalAssetId,
            List<Resource> elements,
            List<String> tags,
            List<String> groups,
            Map<String, Object> extensions) {}

    @Schema(name = "DeploymentManagerInfo")
    record DeploymentManager(
            String deploymentManagerId,
            String name,
            String description,
            String oCloudId,
            String serviceUri,
            List<String> supportedLocations,
            Map<String, Object> capabilities,
            Map<String, Object> capacity,
            Map<String, Object> extensions) {}

    record LocationInfo(
            String globalLocationId,
            String name,
            String description,
            List<String> oCloudSiteIds,
            Map<String, Object> extensions) {}

    record OCloudSiteInfo(
            String oCloudSiteId,
            String globalLocationId,
            String name,
            String description,
            List<String> resourcePools,
            Map<String, Object> extensions) {}

    record AlarmDictionary(
            String alarmDictionaryId,
            String alarmDictionaryVersion,
            String alarmDictionarySchemaVersion,
            String entityType,
            String vendor,
            List<String> managementInterfaceId,
            List<String> pkNotificationField,
            List<AlarmDefinition> alarmDefinition) {}

    record AlarmDefinition(
            String alarmDefinitionId,
            String alarmName,
            String alarmLastChange,
            String alarmChangeType,
            String alarmDescription,
            String proposedRepairActions,
            String clearingType,
            List<String> managementInterfaceId,
            List<String> pkNotificationField,
            Map<String, Object> alarmAdditionalFields) {}

    /**
     * Body of {@code POST /subscriptions}: the spec's {@code Subscription} schema. {@code subscriptionId}
     * is read-only there; a client generated from the schema may send it, and it is ignored.
     */
    @Schema(name = "SubscriptionInfoRequest")
    record SubscriptionRequest(String subscriptionId, String consumerSubscriptionId, String filter, String callback) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SubscriptionInfo")
    record Subscription(String subscriptionId, String consumerSubscriptionId, String filter, String callback) {

        static Subscription of(O2ImsModels.Subscription s) {
            return new Subscription(s.subscriptionId(), s.consumerSubscriptionId(), s.filter(), s.callback());
        }
    }

    /** What a v2 callback receives ({@code InventoryChangeNotification}); 0 = create, 1 = modify, 2 = delete. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InventoryChangeNotification(
            String notificationId,
            String consumerSubscriptionId,
            int notificationEventType,
            String objectRef,
            Object priorObjectState,
            Object postObjectState) {}
}
