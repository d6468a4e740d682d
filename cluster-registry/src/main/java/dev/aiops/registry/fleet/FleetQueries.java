package dev.aiops.registry.fleet;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.CnfType;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.model.cluster.Environment;
import dev.aiops.model.cluster.Platform;
import dev.aiops.registry.config.RegistryProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fleet aggregates computed by PostgreSQL (grouping sets, jsonb array expansion), never by loading
 * clusters into memory: a handful of queries whatever the fleet size.
 */
@Component
class FleetQueries {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final RegistryProperties properties;

    FleetQueries(JdbcTemplate jdbc, Clock clock, RegistryProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public FleetSummary summary() {
        Map<String, Long> byState = zeros(ClusterState.values());
        Map<String, Long> byType = zeros(ClusterType.values());
        Map<String, Long> byEnvironment = zeros(Environment.values());
        Map<String, Long> byPlatform = zeros(Platform.values());
        long[] total = {0};
        double[] average = {0};
        long[] gpuClusters = {0};
        long[] gpus = {0};
        long[] cnfClusters = {0};
        jdbc.query(
                "select grouping(state) as g_state, grouping(cluster_type) as g_type, grouping(environment) as g_env,"
                        + " grouping(platform) as g_platform, state, cluster_type, environment, platform, count(*) as n,"
                        + " coalesce(avg(health_score), 0) as avg_score,"
                        + " count(*) filter (where has_gpu_nodes) as gpu_clusters, coalesce(sum(gpu_count), 0) as gpus,"
                        + " count(*) filter (where has_cnf_workloads) as cnf_clusters"
                        + " from cluster group by grouping sets ((state), (cluster_type), (environment), (platform), ())",
                rs -> {
                    long n = rs.getLong("n");
                    if (rs.getInt("g_state") == 0) {
                        byState.put(rs.getString("state"), n);
                    } else if (rs.getInt("g_type") == 0) {
                        byType.put(rs.getString("cluster_type"), n);
                    } else if (rs.getInt("g_env") == 0) {
                        byEnvironment.put(rs.getString("environment"), n);
                    } else if (rs.getInt("g_platform") == 0) {
                        byPlatform.put(rs.getString("platform"), n);
                    } else {
                        total[0] = n;
                        average[0] = round(rs.getDouble("avg_score"));
                        gpuClusters[0] = rs.getLong("gpu_clusters");
                        gpus[0] = rs.getLong("gpus");
                        cnfClusters[0] = rs.getLong("cnf_clusters");
                    }
                });
        Map<String, Long> gpusByProduct = new TreeMap<>();
        jdbc.query(
                "select n.gpu_product, sum(n.gpu_count) as gpus from cluster_node n where n.gpu_count > 0"
                        + " and n.gpu_product is not null group by n.gpu_product",
                rs -> {
                    gpusByProduct.put(rs.getString("gpu_product"), rs.getLong("gpus"));
                });
        Map<String, Long> cnfsByType = zeros(CnfType.values());
        jdbc.query(
                "select t.type, count(*) as clusters from cluster c cross join lateral"
                        + " jsonb_array_elements_text(c.cnf_types) as t(type) group by t.type",
                rs -> {
                    cnfsByType.put(rs.getString("type"), rs.getLong("clusters"));
                });
        return new FleetSummary(
                total[0],
                byState,
                byType,
                byEnvironment,
                byPlatform,
                average[0],
                new FleetSummary.Gpus(gpuClusters[0], gpus[0], gpusByProduct),
                new FleetSummary.Cnfs(cnfClusters[0], cnfsByType),
                clock.instant());
    }

    @Transactional(readOnly = true)
    public FleetHealth health(int attentionLimit) {
        Map<String, Long> byState = zeros(ClusterState.values());
        Map<String, Long> byConnectivity = zeros(Connectivity.values());
        long[] total = {0};
        double[] average = {0};
        jdbc.query(
                "select grouping(state) as g_state, grouping(connectivity) as g_conn, state, connectivity, count(*) as n,"
                        + " coalesce(avg(health_score), 0) as avg_score"
                        + " from cluster group by grouping sets ((state), (connectivity), ())",
                rs -> {
                    long n = rs.getLong("n");
                    if (rs.getInt("g_state") == 0) {
                        byState.put(rs.getString("state"), n);
                    } else if (rs.getInt("g_conn") == 0) {
                        byConnectivity.put(rs.getString("connectivity"), n);
                    } else {
                        total[0] = n;
                        average[0] = round(rs.getDouble("avg_score"));
                    }
                });
        Instant warnFrom = clock.instant().plus(properties.credentials().expiryWarning());
        Long expiring = jdbc.queryForObject(
                "select count(*) from cluster where credentials_expires_at is not null and credentials_expires_at <= ?",
                Long.class,
                Timestamp.from(warnFrom));
        List<FleetHealth.Attention> attention = jdbc.query(
                "select id, name, cluster_type, state, health_score, connectivity, last_error, last_seen_at from cluster"
                        + " where state <> 'ONLINE' order by health_score, name limit ?",
                (rs, i) -> new FleetHealth.Attention(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("cluster_type"),
                        rs.getString("state"),
                        rs.getInt("health_score"),
                        rs.getString("connectivity"),
                        rs.getString("last_error"),
                        rs.getTimestamp("last_seen_at") == null
                                ? null
                                : rs.getTimestamp("last_seen_at").toInstant()),
                attentionLimit);
        return new FleetHealth(
                total[0],
                byState.get(ClusterState.ONLINE.name()),
                byState,
                byConnectivity,
                average[0],
                expiring == null ? 0 : expiring,
                attention,
                clock.instant());
    }

    @Transactional(readOnly = true)
    public FleetCapabilities capabilities() {
        Map<String, Object> counts = jdbc.queryForMap("select count(*) as total,"
                + " count(*) filter (where has_gpu_nodes) as gpus, count(*) filter (where has_prometheus) as prometheus,"
                + " count(*) filter (where has_thanos) as thanos, count(*) filter (where has_tempo) as tempo,"
                + " count(*) filter (where has_loki) as loki, count(*) filter (where has_service_mesh) as mesh,"
                + " count(*) filter (where has_cnf_workloads) as cnfs from cluster");
        Map<String, FleetCapabilities.GpuProduct> products = new TreeMap<>();
        jdbc.query(
                "select gpu_product, count(distinct cluster_id) as clusters, sum(gpu_count) as gpus from cluster_node"
                        + " where gpu_count > 0 and gpu_product is not null group by gpu_product",
                rs -> {
                    products.put(
                            rs.getString("gpu_product"),
                            new FleetCapabilities.GpuProduct(rs.getLong("clusters"), rs.getLong("gpus")));
                });
        Map<String, Long> cnfTypes = zeros(CnfType.values());
        jdbc.query(
                "select t.type, count(*) as clusters from cluster c cross join lateral"
                        + " jsonb_array_elements_text(c.cnf_types) as t(type) group by t.type",
                rs -> {
                    cnfTypes.put(rs.getString("type"), rs.getLong("clusters"));
                });
        Map<String, Map<String, Long>> versions = new TreeMap<>();
        jdbc.query(
                "select platform, coalesce(platform_version, 'unknown') as version, count(*) as n from cluster"
                        + " group by platform, coalesce(platform_version, 'unknown')",
                rs -> {
                    versions.computeIfAbsent(rs.getString("platform"), p -> new TreeMap<>())
                            .put(rs.getString("version"), rs.getLong("n"));
                });
        return new FleetCapabilities(
                number(counts.get("total")),
                number(counts.get("gpus")),
                number(counts.get("prometheus")),
                number(counts.get("thanos")),
                number(counts.get("tempo")),
                number(counts.get("loki")),
                number(counts.get("mesh")),
                number(counts.get("cnfs")),
                products,
                cnfTypes,
                versions,
                clock.instant());
    }

    private static Map<String, Long> zeros(Enum<?>[] values) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            map.put(value.name(), 0L);
        }
        return map;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
