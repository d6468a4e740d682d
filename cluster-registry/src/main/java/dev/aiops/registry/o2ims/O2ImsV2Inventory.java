package dev.aiops.registry.o2ims;

import dev.aiops.registry.config.RegistryProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The v2 view of the same inventory v1 reads ({@link O2ImsInventory} stays the one place that queries
 * clusters and nodes). v2 adds a level v1 lacks: each pool (site label, else region) is also an O-Cloud
 * site, one pool per site, and each site stands at the location named after its clusters' region.
 * Resource types carry an alarm dictionary describing the conditions the registry detects for them.
 */
@Component
class O2ImsV2Inventory {

    /** The location of clusters without a region (and of sites without one). */
    static final String DEFAULT_LOCATION = "default";

    private static final String DICTIONARY_VERSION = "1.0.0";
    private static final String DICTIONARY_SCHEMA_VERSION = "11.0";

    private final O2ImsInventory v1;
    private final RegistryProperties.O2ims properties;

    O2ImsV2Inventory(O2ImsInventory v1, RegistryProperties properties) {
        this.v1 = v1;
        this.properties = properties.o2ims();
    }

    O2ImsV2Models.OCloudInfo oCloud(String serviceUri) {
        O2ImsModels.OCloud cloud = v1.oCloud(serviceUri);
        Map<String, Object> extensions = new LinkedHashMap<>(cloud.extensions());
        extensions.put("globalCloudName", properties.globalCloudId());
        return new O2ImsV2Models.OCloudInfo(
                cloud.oCloudId(),
                O2ImsIds.asUuid(cloud.globalCloudId()),
                cloud.name(),
                cloud.description(),
                serviceUri,
                extensions);
    }

    List<O2ImsV2Models.ResourceType> resourceTypes() {
        return v1.resourceTypes().stream()
                .map(t -> new O2ImsV2Models.ResourceType(
                        t.resourceTypeId(),
                        t.name(),
                        t.description(),
                        t.vendor(),
                        t.model(),
                        t.version(),
                        O2ImsIds.alarmDictionary(t.name()),
                        t.resourceKind(),
                        t.resourceClass(),
                        t.extensions()))
                .toList();
    }

    Optional<O2ImsV2Models.ResourceType> resourceType(String id) {
        return resourceTypes().stream()
                .filter(t -> t.resourceTypeId().equals(id))
                .findFirst();
    }

    List<O2ImsV2Models.AlarmDictionary> alarmDictionaries() {
        return v1.resourceTypes().stream().map(O2ImsV2Inventory::dictionary).toList();
    }

    Optional<O2ImsV2Models.AlarmDictionary> alarmDictionary(String id) {
        return alarmDictionaries().stream()
                .filter(d -> d.alarmDictionaryId().equals(id))
                .findFirst();
    }

    /**
     * The conditions the registry observes on nodes (discovery records each node's Ready condition and
     * its GPU capacity). The registry has no O2 IMS alarm service: these dictionaries describe alarms,
     * they do not raise them.
     */
    private static O2ImsV2Models.AlarmDictionary dictionary(O2ImsModels.ResourceType type) {
        List<O2ImsV2Models.AlarmDefinition> definitions = new ArrayList<>();
        definitions.add(definition(
                type.name(),
                "NodeNotReady",
                "The node's kubelet reports the Ready condition false or unknown: no new workloads are scheduled"
                        + " on it and its running workloads may be evicted.",
                "Check the kubelet, container runtime and network of the node; drain and reboot it if it does not"
                        + " recover."));
        if (type.extensions().containsKey("extendedResource")) {
            definitions.add(definition(
                    type.name(),
                    "GpuCapacityLost",
                    "The node advertises fewer nvidia.com/gpu devices than when it was discovered: GPU workloads"
                            + " cannot be scheduled on the missing devices.",
                    "Check the NVIDIA device plugin and driver on the node (nvidia-smi); replace the failed GPU."));
        }
        return new O2ImsV2Models.AlarmDictionary(
                O2ImsIds.alarmDictionary(type.name()),
                DICTIONARY_VERSION,
                DICTIONARY_SCHEMA_VERSION,
                type.vendor() + "-" + type.model() + "-" + type.version(),
                type.vendor(),
                List.of("O2IMS"),
                List.of("alarmDefinitionID"),
                definitions);
    }

    private static O2ImsV2Models.AlarmDefinition definition(
            String typeName, String name, String description, String repair) {
        return new O2ImsV2Models.AlarmDefinition(
                O2ImsIds.alarmDefinition(typeName, name),
                name,
                DICTIONARY_VERSION,
                "ADDED",
                description,
                repair,
                "AUTOMATIC",
                List.of("O2IMS"),
                List.of("alarmDefinitionID"),
                Map.of());
    }

    @Transactional(readOnly = true)
    List<O2ImsV2Models.ResourcePool> resourcePools() {
        return v1.resourcePools().stream().map(O2ImsV2Inventory::pool).toList();
    }

    @Transactional(readOnly = true)
    Optional<O2ImsV2Models.ResourcePool> resourcePool(String id) {
        return v1.resourcePool(id).map(O2ImsV2Inventory::pool);
    }

    static O2ImsV2Models.ResourcePool pool(O2ImsModels.ResourcePool pool) {
        return new O2ImsV2Models.ResourcePool(
                pool.resourcePoolId(), pool.name(), O2ImsIds.site(pool.name()), pool.description(), pool.extensions());
    }

    /** The resources of a pool, or empty when there is no such pool. */
    @Transactional(readOnly = true)
    Optional<List<O2ImsV2Models.Resource>> resources(String poolId) {
        return v1.resourcePool(poolId)
                .map(pool -> v1.resources(pool).stream()
                        .map(O2ImsV2Inventory::resource)
                        .toList());
    }

    @SuppressWarnings("unchecked")
    private static O2ImsV2Models.Resource resource(O2ImsModels.Resource r) {
        Object roles = r.extensions().get("roles");
        Object cluster = r.extensions().get("clusterName");
        return new O2ImsV2Models.Resource(
                r.resourceId(),
                r.resourcePoolId(),
                r.description(),
                r.resourceTypeId(),
                r.globalAssetId() == null ? "" : r.globalAssetId(),
                List.of(),
                // node roles classify a node; the cluster it belongs to is its group
                roles instanceof List<?> list ? (List<String>) list : List.of(),
                cluster == null ? List.of() : List.of(cluster.toString()),
                r.extensions());
    }

    @Transactional(readOnly = true)
    List<O2ImsV2Models.DeploymentManager> deploymentManagers(String clusterId) {
        Map<String, String> locationOfPool = new LinkedHashMap<>();
        for (O2ImsModels.ResourcePool pool : v1.resourcePools()) {
            locationOfPool.put(pool.name(), location(pool));
        }
        return v1.deploymentManagers(clusterId).stream()
                .map(dm -> deploymentManager(
                        dm, locationOfPool.getOrDefault(dm.supportedLocations().get(0), DEFAULT_LOCATION)))
                .toList();
    }

    static O2ImsV2Models.DeploymentManager deploymentManager(O2ImsModels.DeploymentManager dm, String location) {
        Map<String, Object> extensions = new LinkedHashMap<>(dm.extensions());
        extensions.put("resourcePoolId", O2ImsIds.pool(dm.supportedLocations().get(0)));
        extensions.put("profileSupportList", dm.profileSupportList());
        return new O2ImsV2Models.DeploymentManager(
                dm.deploymentManagerId(),
                dm.name(),
                dm.description(),
                dm.oCloudId(),
                dm.serviceUri(),
                List.of(location),
                dm.capabilities(),
                dm.capacity(),
                extensions);
    }

    @Transactional(readOnly = true)
    List<O2ImsV2Models.OCloudSiteInfo> sites() {
        return v1.resourcePools().stream().map(this::site).toList();
    }

    private O2ImsV2Models.OCloudSiteInfo site(O2ImsModels.ResourcePool pool) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("clusters", pool.extensions().get("clusters"));
        extensions.put("regions", pool.extensions().get("regions"));
        return new O2ImsV2Models.OCloudSiteInfo(
                O2ImsIds.site(pool.name()),
                location(pool),
                pool.name(),
                "Site " + pool.name() + " (clusters labelled " + properties.siteLabel() + "=" + pool.name()
                        + ", else in region " + pool.name() + ")",
                List.of(pool.resourcePoolId()),
                extensions);
    }

    @Transactional(readOnly = true)
    List<O2ImsV2Models.LocationInfo> locations() {
        Map<String, List<String>> sitesAt = new TreeMap<>();
        for (O2ImsV2Models.OCloudSiteInfo site : sites()) {
            sitesAt.computeIfAbsent(site.globalLocationId(), k -> new ArrayList<>())
                    .add(site.oCloudSiteId());
        }
        List<O2ImsV2Models.LocationInfo> locations = new ArrayList<>();
        sitesAt.forEach((id, sites) -> locations.add(new O2ImsV2Models.LocationInfo(
                id,
                id,
                id.equals(DEFAULT_LOCATION) ? "Clusters registered without a region" : "Region " + id,
                sites,
                Map.of())));
        return locations;
    }

    /**
     * A site's location is its clusters' region; when they span several, the first in alphabetical
     * order (a site stands at one place, and the choice must be stable between calls).
     */
    @SuppressWarnings("unchecked")
    static String location(O2ImsModels.ResourcePool pool) {
        Object regions = pool.extensions().get("regions");
        if (regions instanceof List<?> list) {
            return ((List<String>) list)
                    .stream()
                            .filter(r -> r != null && !r.isBlank())
                            .sorted()
                            .findFirst()
                            .orElse(DEFAULT_LOCATION);
        }
        return DEFAULT_LOCATION;
    }
}
