package dev.aiops.registry.discovery;

import dev.aiops.model.cluster.ClusterCapabilities;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.CnfType;
import dev.aiops.model.cluster.Platform;
import dev.aiops.registry.cluster.ClusterStateWriter;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discovery's state: the {@code cluster_node} table it owns, and its columns of {@code cluster}
 * (capabilities, platform facts, lease), which it reads here and writes through the cluster feature's
 * {@link ClusterStateWriter}.
 */
@Repository
class DiscoveryStore {

    private final JdbcTemplate jdbc;
    private final ClusterStateWriter clusters;
    private final JsonMapper json;

    DiscoveryStore(JdbcTemplate jdbc, ClusterStateWriter clusters, JsonMapper json) {
        this.jdbc = jdbc;
        this.clusters = clusters;
        this.json = json;
    }

    record Claimed(
            UUID id,
            String name,
            String apiServerUrl,
            ClusterEndpoints endpoints,
            boolean hasCredentials,
            String owner) {}

    List<Claimed> claimDue(String owner, int limit, Duration lease) {
        return clusters.claimDueDiscoveries(owner, limit, lease).stream()
                .map(l -> new Claimed(l.id(), l.name(), l.apiServerUrl(), l.endpoints(), l.hasCredentials(), l.owner()))
                .toList();
    }

    record Current(Platform platform, String platformVersion, ClusterCapabilities capabilities) {}

    Optional<Current> lockIfOwner(UUID id, String owner) {
        return jdbc
                .query(
                        "select platform, platform_version, has_gpu_nodes, gpu_count, gpu_types, has_prometheus, has_thanos,"
                                + " has_tempo, has_loki, has_service_mesh, has_cnf_workloads, cnf_types from cluster"
                                + " where id = ? and discovery_owner = ? for update",
                        (rs, i) -> new Current(
                                Platform.valueOf(rs.getString("platform")),
                                rs.getString("platform_version"),
                                new ClusterCapabilities(
                                        rs.getBoolean("has_gpu_nodes"),
                                        rs.getInt("gpu_count"),
                                        strings(rs.getString("gpu_types")),
                                        rs.getBoolean("has_prometheus"),
                                        rs.getBoolean("has_thanos"),
                                        rs.getBoolean("has_tempo"),
                                        rs.getBoolean("has_loki"),
                                        rs.getBoolean("has_service_mesh"),
                                        rs.getBoolean("has_cnf_workloads"),
                                        strings(rs.getString("cnf_types")).stream()
                                                .map(CnfType::valueOf)
                                                .toList())),
                        id,
                        owner)
                .stream()
                .findFirst();
    }

    void writeSuccess(
            UUID id, Platform platform, String platformVersion, ClusterCapabilities c, Instant now, Instant next) {
        clusters.recordDiscovery(id, platform, platformVersion, c, now, next);
    }

    void writeCapabilitiesOnly(UUID id, ClusterCapabilities c, String error, Instant next) {
        clusters.recordObservabilityOnly(id, c, error, next);
    }

    void writeFailure(UUID id, String owner, String error, Instant next) {
        clusters.recordDiscoveryFailure(id, owner, error, next);
    }

    /** Replaces the cluster's nodes; a node keeps its id for as long as it keeps its name. */
    void replaceNodes(UUID clusterId, List<DiscoveredNode> nodes, Instant now) {
        List<String> names = new ArrayList<>();
        for (DiscoveredNode node : nodes) {
            names.add(node.name());
            jdbc.update(
                    "insert into cluster_node (cluster_id, name, id, uid, roles, labels, capacity, gpu_count, gpu_product,"
                            + " kubelet_version, os_image, architecture, ready, discovered_at)"
                            + " values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)"
                            + " on conflict (cluster_id, name) do update set uid = excluded.uid, roles = excluded.roles,"
                            + " labels = excluded.labels, capacity = excluded.capacity, gpu_count = excluded.gpu_count,"
                            + " gpu_product = excluded.gpu_product, kubelet_version = excluded.kubelet_version,"
                            + " os_image = excluded.os_image, architecture = excluded.architecture, ready = excluded.ready,"
                            + " discovered_at = excluded.discovered_at",
                    clusterId,
                    node.name(),
                    nodeId(clusterId, node.name()),
                    node.uid(),
                    json.writeValueAsString(node.roles()),
                    json.writeValueAsString(node.labels()),
                    json.writeValueAsString(node.capacity()),
                    node.gpuCount(),
                    truncate(node.gpuProduct(), 128),
                    truncate(node.kubeletVersion(), 64),
                    truncate(node.osImage(), 256),
                    truncate(node.architecture(), 32),
                    node.ready(),
                    Timestamp.from(now));
        }
        jdbc.update("delete from cluster_node where cluster_id = ? and not (name = any(?))", clusterId, (Object)
                names.toArray(String[]::new));
    }

    static UUID nodeId(UUID clusterId, String nodeName) {
        return UUID.nameUUIDFromBytes(
                ("aiops-node:" + clusterId + ":" + nodeName).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private List<String> strings(String jsonArray) {
        return jsonArray == null ? List.of() : json.readValue(jsonArray, new TypeReference<List<String>>() {});
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
