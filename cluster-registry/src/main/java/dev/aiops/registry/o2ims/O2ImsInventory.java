package dev.aiops.registry.o2ims;

import dev.aiops.registry.config.RegistryProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fleet seen as an O-Cloud: each cluster is a deployment manager, each site (the site label, else
 * the region) a resource pool, each discovered node a resource.
 */
@Component
class O2ImsInventory {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RegistryProperties.O2ims properties;

    O2ImsInventory(JdbcTemplate jdbc, JsonMapper json, RegistryProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties.o2ims();
    }

    /** SQL naming a cluster's pool; the site label key is bound as the first parameter. */
    static final String POOL = "coalesce(nullif(c.labels ->> ?, ''), nullif(c.region, ''), 'default')";

    O2ImsModels.OCloud oCloud(String serviceUri) {
        Long clusters = jdbc.queryForObject("select count(*) from cluster", Long.class);
        return new O2ImsModels.OCloud(
                properties.oCloudId(),
                properties.globalCloudId(),
                properties.name(),
                properties.description(),
                serviceUri,
                Map.of("deploymentManagers", clusters == null ? 0 : clusters));
    }

    List<O2ImsModels.ResourceType> resourceTypes() {
        return List.of(
                new O2ImsModels.ResourceType(
                        O2ImsIds.resourceType(O2ImsIds.NODE_TYPE),
                        O2ImsIds.NODE_TYPE,
                        "A Kubernetes or OpenShift node",
                        "Kubernetes",
                        "node",
                        "v1",
                        "PHYSICAL",
                        "COMPUTE",
                        Map.of()),
                new O2ImsModels.ResourceType(
                        O2ImsIds.resourceType(O2ImsIds.GPU_NODE_TYPE),
                        O2ImsIds.GPU_NODE_TYPE,
                        "A Kubernetes or OpenShift node with NVIDIA GPUs (nvidia.com/gpu capacity)",
                        "NVIDIA",
                        "gpu-node",
                        "v1",
                        "PHYSICAL",
                        "COMPUTE",
                        Map.of("extendedResource", "nvidia.com/gpu")));
    }

    Optional<O2ImsModels.ResourceType> resourceType(String id) {
        return resourceTypes().stream()
                .filter(t -> t.resourceTypeId().equals(id))
                .findFirst();
    }

    @Transactional(readOnly = true)
    List<O2ImsModels.ResourcePool> resourcePools() {
        return jdbc.query(
                "select " + POOL + " as pool, count(*) as clusters, coalesce(sum(c.gpu_count), 0) as gpus,"
                        + " string_agg(distinct c.region, ',') as regions from cluster c group by 1 order by 1",
                (rs, i) -> {
                    String pool = rs.getString("pool");
                    Map<String, Object> extensions = new LinkedHashMap<>();
                    extensions.put("clusters", rs.getLong("clusters"));
                    extensions.put("gpus", rs.getLong("gpus"));
                    extensions.put(
                            "regions",
                            rs.getString("regions") == null
                                    ? List.of()
                                    : List.of(rs.getString("regions").split(",")));
                    return new O2ImsModels.ResourcePool(
                            O2ImsIds.pool(pool),
                            pool,
                            pool,
                            "Clusters at site or region " + pool,
                            properties.oCloudId(),
                            pool,
                            extensions);
                },
                properties.siteLabel());
    }

    Optional<O2ImsModels.ResourcePool> resourcePool(String id) {
        return resourcePools().stream()
                .filter(p -> p.resourcePoolId().equals(id))
                .findFirst();
    }

    @Transactional(readOnly = true)
    List<O2ImsModels.Resource> resources(O2ImsModels.ResourcePool pool) {
        return jdbc.query(
                "select n.id, n.uid, n.name, n.roles::text as roles, n.capacity::text as capacity, n.gpu_count,"
                        + " n.gpu_product, n.kubelet_version, n.os_image, n.architecture, n.ready, c.id as cluster_id,"
                        + " c.name as cluster_name from cluster_node n join cluster c on c.id = n.cluster_id"
                        + " where " + POOL + " = ? order by c.name, n.name",
                (rs, i) -> {
                    Map<String, Object> extensions = new LinkedHashMap<>();
                    extensions.put("clusterId", rs.getString("cluster_id"));
                    extensions.put("clusterName", rs.getString("cluster_name"));
                    extensions.put("nodeName", rs.getString("name"));
                    extensions.put(
                            "roles", json.readValue(rs.getString("roles"), new TypeReference<List<String>>() {}));
                    extensions.put(
                            "capacity",
                            json.readValue(rs.getString("capacity"), new TypeReference<Map<String, String>>() {}));
                    extensions.put("gpuCount", rs.getInt("gpu_count"));
                    extensions.put("gpuProduct", rs.getString("gpu_product"));
                    extensions.put("ready", rs.getBoolean("ready"));
                    extensions.put("kubeletVersion", rs.getString("kubelet_version"));
                    extensions.put("osImage", rs.getString("os_image"));
                    extensions.put("architecture", rs.getString("architecture"));
                    boolean gpu = rs.getInt("gpu_count") > 0;
                    return new O2ImsModels.Resource(
                            rs.getString("id"),
                            O2ImsIds.resourceType(gpu ? O2ImsIds.GPU_NODE_TYPE : O2ImsIds.NODE_TYPE),
                            pool.resourcePoolId(),
                            rs.getString("uid"),
                            null,
                            "Node " + rs.getString("name") + " of cluster " + rs.getString("cluster_name"),
                            List.of(),
                            extensions);
                },
                properties.siteLabel(),
                pool.name());
    }

    @Transactional(readOnly = true)
    List<O2ImsModels.DeploymentManager> deploymentManagers(String clusterId) {
        List<Object> args = new ArrayList<>();
        args.add(properties.siteLabel());
        String where = "";
        if (clusterId != null) {
            where = " where c.id = cast(? as uuid)";
            args.add(clusterId);
        }
        return jdbc.query(
                "select c.id, c.name, c.display_name, c.api_server_url, c.platform, c.platform_version, c.cluster_type,"
                        + " c.environment, c.region, c.labels::text as labels, c.state, c.health_score, c.has_gpu_nodes,"
                        + " c.gpu_count, c.gpu_types::text as gpu_types, c.has_cnf_workloads, c.cnf_types::text as cnf_types,"
                        + " c.has_prometheus, c.has_thanos, c.has_tempo, c.has_loki, c.has_service_mesh, " + POOL
                        + " as pool,"
                        + " (select count(*) from cluster_node n where n.cluster_id = c.id) as nodes"
                        + " from cluster c" + where + " order by c.name",
                (rs, i) -> {
                    Map<String, Object> capabilities = new LinkedHashMap<>();
                    capabilities.put("platform", rs.getString("platform"));
                    capabilities.put("platformVersion", rs.getString("platform_version"));
                    capabilities.put("clusterType", rs.getString("cluster_type"));
                    capabilities.put("hasGpuNodes", rs.getBoolean("has_gpu_nodes"));
                    capabilities.put(
                            "gpuTypes",
                            json.readValue(rs.getString("gpu_types"), new TypeReference<List<String>>() {}));
                    capabilities.put("hasCnfWorkloads", rs.getBoolean("has_cnf_workloads"));
                    capabilities.put(
                            "cnfTypes",
                            json.readValue(rs.getString("cnf_types"), new TypeReference<List<String>>() {}));
                    capabilities.put("hasPrometheus", rs.getBoolean("has_prometheus"));
                    capabilities.put("hasThanos", rs.getBoolean("has_thanos"));
                    capabilities.put("hasTempo", rs.getBoolean("has_tempo"));
                    capabilities.put("hasLoki", rs.getBoolean("has_loki"));
                    capabilities.put("hasServiceMesh", rs.getBoolean("has_service_mesh"));
                    Map<String, Object> capacity = new LinkedHashMap<>();
                    capacity.put("nodes", rs.getLong("nodes"));
                    capacity.put("gpus", rs.getInt("gpu_count"));
                    Map<String, Object> extensions = new LinkedHashMap<>();
                    extensions.put("environment", rs.getString("environment"));
                    extensions.put("region", rs.getString("region"));
                    extensions.put("state", rs.getString("state"));
                    extensions.put("healthScore", rs.getInt("health_score"));
                    extensions.put(
                            "labels",
                            json.readValue(rs.getString("labels"), new TypeReference<Map<String, String>>() {}));
                    String description = rs.getString("display_name");
                    return new O2ImsModels.DeploymentManager(
                            rs.getString("id"),
                            rs.getString("name"),
                            description == null ? "Cluster " + rs.getString("name") : description,
                            properties.oCloudId(),
                            rs.getString("api_server_url"),
                            List.of(rs.getString("pool")),
                            capabilities,
                            capacity,
                            List.of("native_k8sapi"),
                            extensions);
                },
                args.toArray());
    }

    /** How many clusters a pool holds now (for pool CREATE/DELETE notifications). */
    long clustersInPool(String poolName) {
        Long n = jdbc.queryForObject(
                "select count(*) from cluster c where " + POOL + " = ?", Long.class, properties.siteLabel(), poolName);
        return n == null ? 0 : n;
    }

    String poolOf(Map<String, String> labels, String region) {
        String site = labels == null ? null : labels.get(properties.siteLabel());
        if (site != null && !site.isBlank()) {
            return site;
        }
        return region == null || region.isBlank() ? "default" : region;
    }
}
