package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterCapabilities;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.model.cluster.Platform;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every write to the {@code cluster} row that is not a user's edit: the one place where health, discovery
 * and credentials change the columns they own there, each through its own methods. The cluster feature
 * owns the table (JPA writes only the editable fields, see {@link ClusterEntity}); these statements never
 * touch {@code version}, so the ETag a user holds survives a health check, and they never touch the
 * editable fields, so a user's update cannot overwrite them nor they a user's update.
 *
 * <p>Reads stay with the features (fleet, O2 IMS, the lease checks under {@code for update}); only
 * writes come through here, which ArchitectureTests enforces.
 */
@Repository
public class ClusterStateWriter {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ClusterStateWriter(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ---- health: check leases, results, silence

    /** A cluster whose health check lease was just taken, with what the check needs. */
    public record HealthLease(
            UUID id,
            String name,
            ClusterType clusterType,
            String apiServerUrl,
            ClusterEndpoints endpoints,
            String owner,
            Instant dueAt,
            Instant claimedAt) {}

    /** The status a finished check leaves on the cluster; it also gives the lease back. */
    public record HealthOutcome(
            ClusterState state,
            int score,
            Connectivity connectivity,
            String lastError,
            Boolean apiServerHealthy,
            Boolean prometheusHealthy,
            Boolean tempoHealthy,
            Boolean lokiHealthy,
            int recentApiResults,
            int recentApiCount,
            Instant checkedAt,
            boolean apiServerReached,
            boolean historyWritten,
            Instant nextCheckAt) {}

    /** A cluster set to UNKNOWN because nobody checked it, with the state it had. */
    public record Silenced(UUID id, ClusterState oldState, int healthScore) {}

    private static final String LEASED_COLUMNS =
            "c.id, c.name, c.cluster_type, c.api_server_url, c.prometheus_url, c.tempo_url,"
                    + " c.loki_url, c.alertmanager_url, c.check_owner, due.next_check_at as due_at, now() as claimed_at";

    /**
     * Claims up to {@code limit} due clusters whose check lease is free ({@code for update skip locked}:
     * replicas polling together never claim the same cluster); a lease lasts {@code leases} per type.
     */
    public List<HealthLease> claimDueHealthChecks(String owner, int limit, Map<ClusterType, Duration> leases) {
        return jdbc.query(
                "with due as (select id, next_check_at from cluster where next_check_at <= now()"
                        + " and (check_lease_until is null or check_lease_until < now())"
                        + " order by next_check_at limit ? for update skip locked)"
                        + " update cluster c set check_owner = ?, check_lease_until = now() + "
                        + perType("c.cluster_type", leases)
                        + " from due where c.id = due.id returning " + LEASED_COLUMNS,
                HEALTH_LEASE,
                limit,
                owner);
    }

    /** Takes the check lease of one cluster whoever holds it (an operator asked for a check now). */
    public Optional<HealthLease> claimHealthCheckNow(UUID id, String owner, Map<ClusterType, Duration> leases) {
        return jdbc
                .query(
                        "with due as (select id, next_check_at from cluster where id = ? for update)"
                                + " update cluster c set check_owner = ?, check_lease_until = now() + "
                                + perType("c.cluster_type", leases)
                                + " from due where c.id = due.id returning " + LEASED_COLUMNS,
                        HEALTH_LEASE,
                        id,
                        owner)
                .stream()
                .findFirst();
    }

    /** Records a check's outcome and frees its lease; last seen only moves when the API server answered. */
    public void recordHealth(UUID id, HealthOutcome o) {
        jdbc.update(
                "update cluster set state = ?, health_score = ?, connectivity = ?, last_error = ?, api_server_healthy = ?,"
                        + " prometheus_healthy = ?, tempo_healthy = ?, loki_healthy = ?, recent_api_results = ?,"
                        + " recent_api_count = ?, last_checked_at = ?,"
                        + " last_seen_at = case when ? then ? else last_seen_at end,"
                        + " last_history_at = case when ? then ? else last_history_at end,"
                        + " next_check_at = ?, check_owner = null, check_lease_until = null where id = ?",
                o.state().name(),
                o.score(),
                o.connectivity().name(),
                o.lastError(),
                o.apiServerHealthy(),
                o.prometheusHealthy(),
                o.tempoHealthy(),
                o.lokiHealthy(),
                o.recentApiResults(),
                o.recentApiCount(),
                ts(o.checkedAt()),
                o.apiServerReached(),
                ts(o.checkedAt()),
                o.historyWritten(),
                ts(o.checkedAt()),
                ts(o.nextCheckAt()),
                id);
    }

    /**
     * Sets clusters that no replica has checked within {@code silence} (per type) to UNKNOWN and
     * DISCONNECTED with {@code lastError}: every checker down or stuck, the last status is no longer true.
     */
    public List<Silenced> markSilentUnknown(int limit, Map<ClusterType, Duration> silence, String lastError) {
        return jdbc.query(
                "with stale as (select id, state from cluster where state <> 'UNKNOWN'"
                        + " and (check_lease_until is null or check_lease_until < now())"
                        + " and coalesce(last_checked_at, created_at) < now() - " + perType("cluster_type", silence)
                        + " limit ? for update skip locked)"
                        + " update cluster c set state = 'UNKNOWN', connectivity = 'DISCONNECTED', last_error = ?"
                        + " from stale where c.id = stale.id returning c.id, stale.state as old_state, c.health_score",
                (rs, i) -> new Silenced(
                        rs.getObject("id", UUID.class),
                        ClusterState.valueOf(rs.getString("old_state")),
                        rs.getInt("health_score")),
                limit,
                lastError);
    }

    /** Frees the check leases an owner prefix holds (a replica shutting down), making its clusters due now. */
    public int releaseHealthLeases(String ownerPrefix) {
        return jdbc.update(
                "update cluster set check_owner = null, check_lease_until = null,"
                        + " next_check_at = least(next_check_at, now()) where check_owner like ?",
                ownerPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
    }

    // ---- discovery: leases, platform facts and capabilities

    /** A cluster whose discovery lease was just taken. */
    public record DiscoveryLease(
            UUID id,
            String name,
            String apiServerUrl,
            ClusterEndpoints endpoints,
            boolean hasCredentials,
            String owner) {}

    /** Claims up to {@code limit} clusters due for discovery whose lease is free. */
    public List<DiscoveryLease> claimDueDiscoveries(String owner, int limit, Duration lease) {
        return jdbc.query(
                "with due as (select id from cluster where next_discovery_at <= now()"
                        + " and (discovery_lease_until is null or discovery_lease_until < now())"
                        + " order by next_discovery_at limit ? for update skip locked)"
                        + " update cluster c set discovery_owner = ?, discovery_lease_until = now() + ? * interval '1 millisecond'"
                        + " from due where c.id = due.id returning c.id, c.name, c.api_server_url, c.prometheus_url,"
                        + " c.tempo_url, c.loki_url, c.alertmanager_url, c.has_credentials, c.discovery_owner",
                (rs, i) -> new DiscoveryLease(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("api_server_url"),
                        endpoints(rs),
                        rs.getBoolean("has_credentials"),
                        rs.getString("discovery_owner")),
                limit,
                owner,
                lease.toMillis());
    }

    /** A full discovery: platform facts and every capability; frees the lease. */
    public void recordDiscovery(
            UUID id, Platform platform, String platformVersion, ClusterCapabilities c, Instant now, Instant next) {
        jdbc.update(
                "update cluster set platform = ?, platform_version = ?, has_gpu_nodes = ?, gpu_count = ?,"
                        + " gpu_types = cast(? as jsonb), has_prometheus = ?, has_thanos = ?, has_tempo = ?, has_loki = ?,"
                        + " has_service_mesh = ?, has_cnf_workloads = ?, cnf_types = cast(? as jsonb), discovered_at = ?,"
                        + " discovery_error = null, next_discovery_at = ?, discovery_owner = null, discovery_lease_until = null"
                        + " where id = ?",
                platform.name(),
                platformVersion,
                c.hasGpuNodes(),
                c.gpuCount(),
                json.writeValueAsString(c.gpuTypes()),
                c.hasPrometheus(),
                c.hasThanos(),
                c.hasTempo(),
                c.hasLoki(),
                c.hasServiceMesh(),
                c.hasCnfWorkloads(),
                json.writeValueAsString(c.cnfTypes().stream().map(Enum::name).toList()),
                Timestamp.from(now),
                Timestamp.from(next),
                id);
    }

    /** Only the observability endpoints could be probed (no credentials or no API access); frees the lease. */
    public void recordObservabilityOnly(UUID id, ClusterCapabilities c, String error, Instant next) {
        jdbc.update(
                "update cluster set has_prometheus = ?, has_tempo = ?, has_loki = ?, discovery_error = ?,"
                        + " next_discovery_at = ?, discovery_owner = null, discovery_lease_until = null where id = ?",
                c.hasPrometheus(),
                c.hasTempo(),
                c.hasLoki(),
                error,
                Timestamp.from(next),
                id);
    }

    /** A failed discovery, if {@code owner} still holds the lease; frees it. */
    public void recordDiscoveryFailure(UUID id, String owner, String error, Instant next) {
        jdbc.update(
                "update cluster set discovery_error = ?, next_discovery_at = ?, discovery_owner = null,"
                        + " discovery_lease_until = null where id = ? and discovery_owner = ?",
                error,
                Timestamp.from(next),
                id,
                owner);
    }

    /** Makes the cluster due for discovery now. */
    public void requestDiscovery(UUID id) {
        jdbc.update("update cluster set next_discovery_at = now() where id = ?", id);
    }

    // ---- credentials: the summary users see on the cluster

    /** New credentials were stored: the summary says so, and discovery runs now rather than in a day. */
    public void recordCredentialsStored(UUID id, Instant expiresAt, Instant now) {
        jdbc.update(
                "update cluster set has_credentials = true, credentials_expires_at = ?, next_discovery_at = ? where id = ?",
                ts(expiresAt),
                ts(now),
                id);
    }

    public void recordCredentialsRemoved(UUID id) {
        jdbc.update("update cluster set has_credentials = false, credentials_expires_at = null where id = ?", id);
    }

    /** {@code (case <column> when 'HUB' then <ms> ... end) * interval '1 millisecond'}, one value per type. */
    private static String perType(String column, Map<ClusterType, Duration> byType) {
        return "(case " + column
                + " when 'HUB' then " + byType.get(ClusterType.HUB).toMillis()
                + " when 'SPOKE' then " + byType.get(ClusterType.SPOKE).toMillis()
                + " when 'EDGE' then " + byType.get(ClusterType.EDGE).toMillis()
                + " else " + byType.get(ClusterType.FAR_EDGE).toMillis() + " end) * interval '1 millisecond'";
    }

    private static final RowMapper<HealthLease> HEALTH_LEASE = (rs, i) -> new HealthLease(
            rs.getObject("id", UUID.class),
            rs.getString("name"),
            ClusterType.valueOf(rs.getString("cluster_type")),
            rs.getString("api_server_url"),
            endpoints(rs),
            rs.getString("check_owner"),
            instant(rs.getTimestamp("due_at")),
            instant(rs.getTimestamp("claimed_at")));

    private static ClusterEndpoints endpoints(ResultSet rs) throws SQLException {
        return new ClusterEndpoints(
                rs.getString("prometheus_url"),
                rs.getString("tempo_url"),
                rs.getString("loki_url"),
                rs.getString("alertmanager_url"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
