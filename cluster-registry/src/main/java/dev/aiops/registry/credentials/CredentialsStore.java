package dev.aiops.registry.credentials;

import dev.aiops.model.cluster.AuthType;
import dev.aiops.registry.cluster.ClusterStateWriter;
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
 * The {@code cluster_credentials} table; the credentials summary on {@code cluster} (has credentials,
 * expiry) follows it through the cluster feature's {@link ClusterStateWriter}.
 */
@Repository
class CredentialsStore {

    record Row(
            UUID clusterId,
            AuthType authType,
            CredentialCipher.Sealed sealed,
            Instant expiresAt,
            Instant expiryWarnedAt,
            Instant validatedAt,
            Instant createdAt,
            Instant updatedAt) {}

    private static final String COLUMNS =
            "cluster_id, auth_type, key_id, nonce, ciphertext, expires_at, expiry_warned_at, validated_at, created_at, updated_at";

    private static final RowMapper<Row> MAPPER = (rs, i) -> new Row(
            rs.getObject("cluster_id", UUID.class),
            AuthType.valueOf(rs.getString("auth_type")),
            new CredentialCipher.Sealed(rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext")),
            instant(rs.getTimestamp("expires_at")),
            instant(rs.getTimestamp("expiry_warned_at")),
            instant(rs.getTimestamp("validated_at")),
            instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("updated_at")));

    private final JdbcTemplate jdbc;
    private final ClusterStateWriter clusters;

    CredentialsStore(JdbcTemplate jdbc, ClusterStateWriter clusters) {
        this.jdbc = jdbc;
        this.clusters = clusters;
    }

    Optional<Row> find(UUID clusterId) {
        return jdbc
                .query("select " + COLUMNS + " from cluster_credentials where cluster_id = ?", MAPPER, clusterId)
                .stream()
                .findFirst();
    }

    void upsert(UUID clusterId, AuthType authType, CredentialCipher.Sealed sealed, Instant expiresAt, Instant now) {
        jdbc.update(
                "insert into cluster_credentials (cluster_id, auth_type, key_id, nonce, ciphertext, expires_at, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (cluster_id) do update set auth_type = excluded.auth_type, key_id = excluded.key_id,"
                        + " nonce = excluded.nonce, ciphertext = excluded.ciphertext, expires_at = excluded.expires_at,"
                        + " expiry_warned_at = null, validated_at = null, updated_at = excluded.updated_at",
                clusterId,
                authType.name(),
                sealed.keyId(),
                sealed.nonce(),
                sealed.ciphertext(),
                timestamp(expiresAt),
                timestamp(now),
                timestamp(now));
        // new credentials: rediscover now rather than in up to 24 hours
        clusters.recordCredentialsStored(clusterId, expiresAt, now);
    }

    void reseal(UUID clusterId, CredentialCipher.Sealed sealed, Instant now) {
        jdbc.update(
                "update cluster_credentials set key_id = ?, nonce = ?, ciphertext = ?, updated_at = ? where cluster_id = ?",
                sealed.keyId(),
                sealed.nonce(),
                sealed.ciphertext(),
                timestamp(now),
                clusterId);
    }

    boolean delete(UUID clusterId) {
        int deleted = jdbc.update("delete from cluster_credentials where cluster_id = ?", clusterId);
        clusters.recordCredentialsRemoved(clusterId);
        return deleted > 0;
    }

    void markValidated(UUID clusterId, Instant now) {
        jdbc.update("update cluster_credentials set validated_at = ? where cluster_id = ?", timestamp(now), clusterId);
    }

    /** Credentials expiring within {@code warning} that nobody was warned about; locked for this transaction. */
    List<Row> claimExpiring(Duration warning, Instant now, int limit) {
        return jdbc.query(
                "select " + COLUMNS + " from cluster_credentials where expires_at is not null and expires_at <= ?"
                        + " and expiry_warned_at is null order by expires_at limit ? for update skip locked",
                MAPPER,
                timestamp(now.plus(warning)),
                limit);
    }

    void markWarned(UUID clusterId, Instant now) {
        jdbc.update(
                "update cluster_credentials set expiry_warned_at = ? where cluster_id = ?", timestamp(now), clusterId);
    }

    /** Credentials sealed with a key other than the active one; locked for this transaction. */
    List<Row> claimNotUnder(String activeKeyId, int limit) {
        return jdbc.query(
                "select " + COLUMNS + " from cluster_credentials where key_id <> ? limit ? for update skip locked",
                MAPPER,
                activeKeyId,
                limit);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
