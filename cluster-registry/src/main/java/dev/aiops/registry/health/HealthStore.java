package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.registry.config.RegistryProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The health columns of {@code cluster} and the {@code health_check} history. Check leases make each
 * check belong to exactly one replica: due rows are claimed with {@code for update skip locked}, so
 * replicas polling together never claim the same cluster, and a lease that was not released (a replica
 * died mid-check) expires after the check timeout plus a margin, well within one interval.
 */
@Repository
class HealthStore {

    private final JdbcTemplate jdbc;
    private final RegistryProperties.Health properties;

    HealthStore(JdbcTemplate jdbc, RegistryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties.health();
    }

    private static final String CLAIMED_COLUMNS =
            "c.id, c.name, c.cluster_type, c.api_server_url, c.prometheus_url, c.tempo_url,"
                    + " c.loki_url, c.alertmanager_url, c.check_owner, due.next_check_at as due_at, now() as claimed_at";

    /** Claims up to {@code limit} due clusters whose lease is free. */
    List<ClaimedCluster> claimDue(String owner, int limit) {
        return jdbc.query(
                "with due as (select id, next_check_at from cluster where next_check_at <= now()"
                        + " and (check_lease_until is null or check_lease_until < now())"
                        + " order by next_check_at limit ? for update skip locked)"
                        + " update cluster c set check_owner = ?, check_lease_until = now() + " + leaseExpression()
                        + " from due where c.id = due.id returning " + CLAIMED_COLUMNS,
                CLAIMED,
                limit,
                owner);
    }

    /** Takes the lease of one cluster whoever holds it (an operator asked for a check now). */
    Optional<ClaimedCluster> claimNow(UUID id, String owner) {
        return jdbc
                .query(
                        "with due as (select id, next_check_at from cluster where id = ? for update)"
                                + " update cluster c set check_owner = ?, check_lease_until = now() + "
                                + leaseExpression()
                                + " from due where c.id = due.id returning " + CLAIMED_COLUMNS,
                        CLAIMED,
                        id,
                        owner)
                .stream()
                .findFirst();
    }

    /** The previous status, locked, if this owner still holds the lease. */
    Optional<Previous> lockIfOwner(UUID id, String owner) {
        return jdbc
                .query(
                        "select state, health_score, api_server_healthy, prometheus_healthy, tempo_healthy, loki_healthy,"
                                + " last_seen_at, created_at, recent_api_results, recent_api_count, last_history_at"
                                + " from cluster where id = ? and check_owner = ? for update",
                        (rs, i) -> new Previous(
                                ClusterState.valueOf(rs.getString("state")),
                                rs.getInt("health_score"),
                                bool(rs, "api_server_healthy"),
                                bool(rs, "prometheus_healthy"),
                                bool(rs, "tempo_healthy"),
                                bool(rs, "loki_healthy"),
                                instant(rs.getTimestamp("last_seen_at")),
                                instant(rs.getTimestamp("created_at")),
                                rs.getInt("recent_api_results"),
                                rs.getInt("recent_api_count"),
                                instant(rs.getTimestamp("last_history_at"))),
                        id,
                        owner)
                .stream()
                .findFirst();
    }

    record Previous(
            ClusterState state,
            int healthScore,
            Boolean apiServerHealthy,
            Boolean prometheusHealthy,
            Boolean tempoHealthy,
            Boolean lokiHealthy,
            Instant lastSeenAt,
            Instant createdAt,
            int recentApiResults,
            int recentApiCount,
            Instant lastHistoryAt) {}

    record Outcome(
            ClusterState state,
            int score,
            Connectivity connectivity,
            String lastError,
            CheckResult result,
            int recentApiResults,
            int recentApiCount,
            Instant checkedAt,
            Instant nextCheckAt,
            boolean writeHistory) {}

    void writeOutcome(UUID id, Outcome o) {
        CheckResult r = o.result();
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
                r.apiServer().healthy(),
                r.prometheus().healthy(),
                r.tempo().healthy(),
                r.loki().healthy(),
                o.recentApiResults(),
                o.recentApiCount(),
                ts(o.checkedAt()),
                !r.apiServerFailed(),
                ts(o.checkedAt()),
                o.writeHistory(),
                ts(o.checkedAt()),
                ts(o.nextCheckAt()),
                id);
        if (o.writeHistory()) {
            jdbc.update(
                    "insert into health_check (cluster_id, checked_at, state, health_score, api_server_healthy,"
                            + " prometheus_healthy, tempo_healthy, loki_healthy, duration_ms, error, checker)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    ts(o.checkedAt()),
                    o.state().name(),
                    o.score(),
                    r.apiServer().healthy(),
                    r.prometheus().healthy(),
                    r.tempo().healthy(),
                    r.loki().healthy(),
                    (int) Math.min(Integer.MAX_VALUE, r.durationMillis()),
                    o.lastError(),
                    null);
        }
    }

    record Stale(UUID id, ClusterState oldState, int healthScore) {}

    /**
     * Clusters no replica has checked for {@code silentIntervals} intervals (every checker down or
     * stuck), whose last known status can no longer be trusted: set to UNKNOWN.
     */
    List<Stale> markSilentUnknown(int limit) {
        return jdbc.query(
                "with stale as (select id, state from cluster where state <> 'UNKNOWN'"
                        + " and (check_lease_until is null or check_lease_until < now())"
                        + " and coalesce(last_checked_at, created_at) < now() - " + silenceExpression()
                        + " limit ? for update skip locked)"
                        + " update cluster c set state = 'UNKNOWN', connectivity = 'DISCONNECTED',"
                        + " last_error = 'no health check result for " + properties.silentIntervals() + " intervals'"
                        + " from stale where c.id = stale.id returning c.id, stale.state as old_state, c.health_score",
                (rs, i) -> new Stale(
                        rs.getObject("id", UUID.class),
                        ClusterState.valueOf(rs.getString("old_state")),
                        rs.getInt("health_score")),
                limit);
    }

    int purgeHistoryOlderThan(Instant cutoff, int batch) {
        return jdbc.update(
                "delete from health_check where id in (select id from health_check where checked_at < ? limit ?)",
                ts(cutoff),
                batch);
    }

    record HistoryRow(
            Instant checkedAt,
            ClusterState state,
            int healthScore,
            Boolean apiServerHealthy,
            Boolean prometheusHealthy,
            Boolean tempoHealthy,
            Boolean lokiHealthy,
            int durationMs,
            String error) {}

    List<HistoryRow> history(UUID clusterId, int limit, long offset) {
        return jdbc.query(
                "select checked_at, state, health_score, api_server_healthy, prometheus_healthy, tempo_healthy, loki_healthy,"
                        + " duration_ms, error from health_check where cluster_id = ? order by checked_at desc, id desc"
                        + " limit ? offset ?",
                (rs, i) -> new HistoryRow(
                        instant(rs.getTimestamp("checked_at")),
                        ClusterState.valueOf(rs.getString("state")),
                        rs.getInt("health_score"),
                        bool(rs, "api_server_healthy"),
                        bool(rs, "prometheus_healthy"),
                        bool(rs, "tempo_healthy"),
                        bool(rs, "loki_healthy"),
                        rs.getInt("duration_ms"),
                        rs.getString("error")),
                clusterId,
                limit,
                offset);
    }

    long historyCount(UUID clusterId) {
        Long count =
                jdbc.queryForObject("select count(*) from health_check where cluster_id = ?", Long.class, clusterId);
        return count == null ? 0 : count;
    }

    record Schedule(Instant lastCheckedAt, Instant nextCheckAt, Instant discoveredAt, String discoveryError) {}

    Optional<Schedule> schedule(UUID clusterId) {
        return jdbc
                .query(
                        "select last_checked_at, next_check_at, discovered_at, discovery_error from cluster where id = ?",
                        (rs, i) -> new Schedule(
                                instant(rs.getTimestamp("last_checked_at")),
                                instant(rs.getTimestamp("next_check_at")),
                                instant(rs.getTimestamp("discovered_at")),
                                rs.getString("discovery_error")),
                        clusterId)
                .stream()
                .findFirst();
    }

    /** Frees the leases an owner prefix holds (a replica shutting down), making its clusters due now. */
    int releaseLeases(String ownerPrefix) {
        return jdbc.update(
                "update cluster set check_owner = null, check_lease_until = null,"
                        + " next_check_at = least(next_check_at, now()) where check_owner like ?",
                ownerPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
    }

    void requestDiscovery(UUID clusterId) {
        jdbc.update("update cluster set next_discovery_at = now() where id = ?", clusterId);
    }

    /** Lease length per type: its check timeout plus the margin, in milliseconds, as SQL. */
    private String leaseExpression() {
        return "(case c.cluster_type"
                + " when 'HUB' then " + leaseMillis(ClusterType.HUB)
                + " when 'SPOKE' then " + leaseMillis(ClusterType.SPOKE)
                + " when 'EDGE' then " + leaseMillis(ClusterType.EDGE)
                + " else " + leaseMillis(ClusterType.FAR_EDGE) + " end) * interval '1 millisecond'";
    }

    private long leaseMillis(ClusterType type) {
        return properties.timeout(type).plus(properties.leaseMargin()).toMillis();
    }

    private String silenceExpression() {
        return "(case cluster_type"
                + " when 'HUB' then " + silenceMillis(ClusterType.HUB)
                + " when 'SPOKE' then " + silenceMillis(ClusterType.SPOKE)
                + " when 'EDGE' then " + silenceMillis(ClusterType.EDGE)
                + " else " + silenceMillis(ClusterType.FAR_EDGE) + " end) * interval '1 millisecond'";
    }

    private long silenceMillis(ClusterType type) {
        return properties
                .interval(type)
                .multipliedBy(properties.silentIntervals())
                .toMillis();
    }

    Duration interval(ClusterType type) {
        return properties.interval(type);
    }

    private static final RowMapper<ClaimedCluster> CLAIMED = (rs, i) -> new ClaimedCluster(
            rs.getObject("id", UUID.class),
            rs.getString("name"),
            ClusterType.valueOf(rs.getString("cluster_type")),
            rs.getString("api_server_url"),
            new ClusterEndpoints(
                    rs.getString("prometheus_url"),
                    rs.getString("tempo_url"),
                    rs.getString("loki_url"),
                    rs.getString("alertmanager_url")),
            rs.getString("check_owner"),
            instant(rs.getTimestamp("due_at")),
            instant(rs.getTimestamp("claimed_at")));

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
