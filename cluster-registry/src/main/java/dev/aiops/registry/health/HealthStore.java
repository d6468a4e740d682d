package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.registry.cluster.ClusterStateWriter;
import dev.aiops.registry.config.RegistryProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Health's state: the {@code health_check} history it owns, and its columns of {@code cluster} (status,
 * check schedule and lease), which it reads here and writes through the cluster feature's
 * {@link ClusterStateWriter}. Check leases make each check belong to exactly one replica: due rows are
 * claimed with {@code for update skip locked}, so replicas polling together never claim the same
 * cluster, and a lease that was not released (a replica died mid-check) expires after the check
 * timeout plus a margin, well within one interval.
 */
@Repository
class HealthStore {

    private final JdbcTemplate jdbc;
    private final ClusterStateWriter clusters;
    private final RegistryProperties.Health properties;

    HealthStore(JdbcTemplate jdbc, ClusterStateWriter clusters, RegistryProperties properties) {
        this.jdbc = jdbc;
        this.clusters = clusters;
        this.properties = properties.health();
    }

    /** Claims up to {@code limit} due clusters whose lease is free. */
    List<ClaimedCluster> claimDue(String owner, int limit) {
        return clusters.claimDueHealthChecks(owner, limit, leases()).stream()
                .map(HealthStore::claimed)
                .toList();
    }

    /** Takes the lease of one cluster whoever holds it (an operator asked for a check now). */
    Optional<ClaimedCluster> claimNow(UUID id, String owner) {
        return clusters.claimHealthCheckNow(id, owner, leases()).map(HealthStore::claimed);
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
        clusters.recordHealth(
                id,
                new ClusterStateWriter.HealthOutcome(
                        o.state(),
                        o.score(),
                        o.connectivity(),
                        o.lastError(),
                        r.apiServer().healthy(),
                        r.prometheus().healthy(),
                        r.tempo().healthy(),
                        r.loki().healthy(),
                        o.recentApiResults(),
                        o.recentApiCount(),
                        o.checkedAt(),
                        !r.apiServerFailed(),
                        o.writeHistory(),
                        o.nextCheckAt()));
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
        return clusters
                .markSilentUnknown(
                        limit,
                        perType(type -> properties.interval(type).multipliedBy(properties.silentIntervals())),
                        "no health check result for " + properties.silentIntervals() + " intervals")
                .stream()
                .map(s -> new Stale(s.id(), s.oldState(), s.healthScore()))
                .toList();
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
        return clusters.releaseHealthLeases(ownerPrefix);
    }

    void requestDiscovery(UUID clusterId) {
        clusters.requestDiscovery(clusterId);
    }

    /** Lease length per type: its check timeout plus the margin. */
    private Map<ClusterType, Duration> leases() {
        return perType(type -> properties.timeout(type).plus(properties.leaseMargin()));
    }

    private static Map<ClusterType, Duration> perType(Function<ClusterType, Duration> value) {
        Map<ClusterType, Duration> byType = new EnumMap<>(ClusterType.class);
        for (ClusterType type : ClusterType.values()) {
            byType.put(type, value.apply(type));
        }
        return byType;
    }

    Duration interval(ClusterType type) {
        return properties.interval(type);
    }

    private static ClaimedCluster claimed(ClusterStateWriter.HealthLease lease) {
        return new ClaimedCluster(
                lease.id(),
                lease.name(),
                lease.clusterType(),
                lease.apiServerUrl(),
                lease.endpoints(),
                lease.owner(),
                lease.dueAt(),
                lease.claimedAt());
    }

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
