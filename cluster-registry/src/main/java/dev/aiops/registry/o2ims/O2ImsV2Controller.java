package dev.aiops.registry.o2ims;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import dev.aiops.registry.config.RegistryProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * O2ims_InfrastructureInventory v2, as the O-RAN OpenAPI ({@code resources-openapi.yaml}) defines it, over
 * the same fleet as v1. The spec defines no paging: lists are complete arrays, narrowed by {@code filter}
 * and shaped by {@code fields} / {@code exclude_fields} ({@link InventoryQuery}). Roles as in v1: viewers
 * (and services) read, operators subscribe.
 */
@RestController
@RequestMapping(O2ImsIds.PREFIX_V2)
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
class O2ImsV2Controller {

    static final String VERSION = "2.0.0";

    private final O2ImsV2Inventory inventory;
    private final O2ImsSubscriptions subscriptions;
    private final JsonMapper json;
    private final RegistryProperties.O2ims properties;

    O2ImsV2Controller(
            O2ImsV2Inventory inventory,
            O2ImsSubscriptions subscriptions,
            JsonMapper json,
            RegistryProperties properties) {
        this.inventory = inventory;
        this.subscriptions = subscriptions;
        this.json = json;
        this.properties = properties.o2ims();
    }

    @GetMapping("/api_versions")
    O2ImsModels.ApiVersions apiVersions() {
        return new O2ImsModels.ApiVersions(O2ImsIds.PREFIX_V2, List.of(new O2ImsModels.ApiVersion(VERSION)));
    }

    @GetMapping({"", "/"})
    JsonNode oCloud(
            HttpServletRequest request,
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields) {
        InventoryQuery query = InventoryQuery.projection(O2ImsV2Models.OCloudInfo.class, fields, excludeFields);
        // the {apiRoot} of every O2ims service, without the inventory prefix
        String serviceUri = properties.serviceUri() != null
                ? properties.serviceUri().toString()
                : URI.create(request.getRequestURL().toString()).resolve("/").toString();
        if (serviceUri.endsWith("/")) {
            serviceUri = serviceUri.substring(0, serviceUri.length() - 1);
        }
        return query.project(json.valueToTree(inventory.oCloud(serviceUri)));
    }

    @GetMapping("/deploymentManagers")
    List<JsonNode> deploymentManagers(
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields,
            @RequestParam(name = "filter", required = false) String filter) {
        return list(
                O2ImsV2Models.DeploymentManager.class,
                filter,
                fields,
                excludeFields,
                () -> inventory.deploymentManagers(null));
    }

    @GetMapping("/deploymentManagers/{deploymentManagerId}")
    O2ImsV2Models.DeploymentManager deploymentManager(@PathVariable UUID deploymentManagerId) {
        return inventory.deploymentManagers(deploymentManagerId.toString()).stream()
                .findFirst()
                .orElseThrow(() -> notFound("deployment manager", deploymentManagerId.toString()));
    }

    @GetMapping("/resourceTypes")
    List<JsonNode> resourceTypes(
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields,
            @RequestParam(name = "filter", required = false) String filter) {
        return list(O2ImsV2Models.ResourceType.class, filter, fields, excludeFields, inventory::resourceTypes);
    }

    @GetMapping("/resourceTypes/{resourceTypeId}")
    O2ImsV2Models.ResourceType resourceType(@PathVariable UUID resourceTypeId) {
        return inventory
                .resourceType(resourceTypeId.toString())
                .orElseThrow(() -> notFound("resource type", resourceTypeId.toString()));
    }

    @GetMapping("/resourceTypes/{resourceTypeId}/alarmDictionary")
    O2ImsV2Models.AlarmDictionary resourceTypeAlarmDictionary(@PathVariable UUID resourceTypeId) {
        O2ImsV2Models.ResourceType type = resourceType(resourceTypeId);
        return inventory
                .alarmDictionary(type.alarmDictionaryId())
                .orElseThrow(() -> notFound("alarm dictionary", type.alarmDictionaryId()));
    }

    @GetMapping("/resourcePools")
    List<JsonNode> resourcePools(
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields,
            @RequestParam(name = "filter", required = false) String filter) {
        return list(O2ImsV2Models.ResourcePool.class, filter, fields, excludeFields, inventory::resourcePools);
    }

    @GetMapping("/resourcePools/{resourcePoolId}")
    O2ImsV2Models.ResourcePool resourcePool(@PathVariable UUID resourcePoolId) {
        return inventory
                .resourcePool(resourcePoolId.toString())
                .orElseThrow(() -> notFound("resource pool", resourcePoolId.toString()));
    }

    @GetMapping("/resourcePools/{resourcePoolId}/resources")
    List<JsonNode> resources(
            @PathVariable UUID resourcePoolId,
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields,
            @RequestParam(name = "filter", required = false) String filter) {
        InventoryQuery query = InventoryQuery.parse(O2ImsV2Models.Resource.class, filter, fields, excludeFields);
        return query.apply(trees(poolResources(resourcePoolId)));
    }

    @GetMapping("/resourcePools/{resourcePoolId}/resources/{resourceId}")
    O2ImsV2Models.Resource resource(@PathVariable UUID resourcePoolId, @PathVariable UUID resourceId) {
        return poolResources(resourcePoolId).stream()
                .filter(r -> r.resourceId().equals(resourceId.toString()))
                .findFirst()
                .orElseThrow(() -> notFound("resource", resourceId.toString()));
    }

    private List<O2ImsV2Models.Resource> poolResources(UUID resourcePoolId) {
        return inventory
                .resources(resourcePoolId.toString())
                .orElseThrow(() -> notFound("resource pool", resourcePoolId.toString()));
    }

    @GetMapping("/alarmDictionaries")
    List<JsonNode> alarmDictionaries(
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields,
            @RequestParam(name = "filter", required = false) String filter) {
        return list(O2ImsV2Models.AlarmDictionary.class, filter, fields, excludeFields, inventory::alarmDictionaries);
    }

    @GetMapping("/alarmDictionaries/{alarmDictionaryId}")
    O2ImsV2Models.AlarmDictionary alarmDictionary(@PathVariable UUID alarmDictionaryId) {
        return inventory
                .alarmDictionary(alarmDictionaryId.toString())
                .orElseThrow(() -> notFound("alarm dictionary", alarmDictionaryId.toString()));
    }

    @GetMapping("/locations")
    List<JsonNode> locations(
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields,
            @RequestParam(name = "filter", required = false) String filter) {
        return list(O2ImsV2Models.LocationInfo.class, filter, fields, excludeFields, inventory::locations);
    }

    @GetMapping("/locations/{globalLocationId}")
    O2ImsV2Models.LocationInfo location(@PathVariable String globalLocationId) {
        return inventory.locations().stream()
                .filter(l -> l.globalLocationId().equals(globalLocationId))
                .findFirst()
                .orElseThrow(() -> notFound("location", abbreviate(globalLocationId)));
    }

    @GetMapping("/oCloudSites")
    List<JsonNode> oCloudSites(
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields,
            @RequestParam(name = "filter", required = false) String filter) {
        return list(O2ImsV2Models.OCloudSiteInfo.class, filter, fields, excludeFields, inventory::sites);
    }

    @GetMapping("/oCloudSites/{oCloudSiteId}")
    O2ImsV2Models.OCloudSiteInfo oCloudSite(@PathVariable UUID oCloudSiteId) {
        return inventory.sites().stream()
                .filter(s -> s.oCloudSiteId().equals(oCloudSiteId.toString()))
                .findFirst()
                .orElseThrow(() -> notFound("O-Cloud site", oCloudSiteId.toString()));
    }

    @GetMapping("/subscriptions")
    List<JsonNode> subscriptions(
            @RequestParam(name = "all_fields", required = false) String allFields,
            @RequestParam(name = "fields", required = false) String fields,
            @RequestParam(name = "exclude_fields", required = false) String excludeFields,
            @RequestParam(name = "filter", required = false) String filter) {
        return list(
                O2ImsV2Models.Subscription.class,
                filter,
                fields,
                excludeFields,
                () -> subscriptions.list(O2ImsVersion.V2).stream()
                        .map(O2ImsV2Models.Subscription::of)
                        .toList());
    }

    @PostMapping("/subscriptions")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<O2ImsV2Models.Subscription> subscribe(@RequestBody O2ImsV2Models.SubscriptionRequest request) {
        O2ImsModels.Subscription created = subscriptions.create(
                O2ImsVersion.V2,
                request == null
                        ? null
                        : new O2ImsModels.SubscriptionRequest(
                                request.callback(), request.consumerSubscriptionId(), request.filter()));
        return ResponseEntity.created(URI.create(O2ImsIds.PREFIX_V2 + "/subscriptions/" + created.subscriptionId()))
                .body(O2ImsV2Models.Subscription.of(created));
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    O2ImsV2Models.Subscription subscription(@PathVariable UUID subscriptionId) {
        return O2ImsV2Models.Subscription.of(subscriptions.get(O2ImsVersion.V2, subscriptionId));
    }

    /** The spec answers a deletion with 200 (v1 answers 204). */
    @DeleteMapping("/subscriptions/{subscriptionId}")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<Void> unsubscribe(@PathVariable UUID subscriptionId) {
        subscriptions.delete(O2ImsVersion.V2, subscriptionId);
        return ResponseEntity.ok().build();
    }

    private <T extends Record> List<JsonNode> list(
            Class<T> type, String filter, String fields, String excludeFields, Supplier<List<T>> source) {
        // parsed before anything is read, so a bad parameter costs no query
        InventoryQuery query = InventoryQuery.parse(type, filter, fields, excludeFields);
        return query.apply(trees(source.get()));
    }

    private List<JsonNode> trees(List<?> objects) {
        return objects.stream().map(o -> (JsonNode) json.valueToTree(o)).toList();
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static ApiException notFound(String what, String id) {
        return new ApiException(ErrorCode.NOT_FOUND, "No " + what + " with id " + id);
    }
}
