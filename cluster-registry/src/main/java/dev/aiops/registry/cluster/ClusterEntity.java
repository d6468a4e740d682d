package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterCapabilities;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterStatus;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.CnfType;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.model.cluster.Environment;
import dev.aiops.model.cluster.Platform;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The cluster row. JPA owns what users edit (description, endpoints, labels); each other concern's
 * columns are one read-only value here, because its feature writes them through
 * {@link ClusterStateWriter} (those statements must not bump the optimistic-locking version users
 * hold, nor be overwritten by a user's update). {@code @DynamicUpdate} keeps an update to the changed
 * columns.
 */
@Entity
@Table(name = "cluster")
@DynamicUpdate
class ClusterEntity {

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String name;

    private String displayName;

    @Column(nullable = false)
    private String apiServerUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ClusterType clusterType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Platform platform;

    private String platformVersion;

    private String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Environment environment;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, String> labels = new HashMap<>();

    @Embedded
    private Endpoints endpoints;

    @Embedded
    private Health health;

    @Embedded
    private Capabilities capabilities;

    @Embedded
    private CredentialsSummary credentials;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    /** The observability endpoints users register; all four null is stored as four nulls. */
    @Embeddable
    record Endpoints(String prometheusUrl, String tempoUrl, String lokiUrl, String alertmanagerUrl) {}

    /** Written by the health checker. */
    @Embeddable
    record Health(
            @Enumerated(EnumType.STRING) @Column(insertable = false, updatable = false)
            ClusterState state,

            @Column(insertable = false, updatable = false) int healthScore,

            @Enumerated(EnumType.STRING) @Column(insertable = false, updatable = false)
            Connectivity connectivity,

            @Column(insertable = false, updatable = false) String lastError,
            @Column(insertable = false, updatable = false) Boolean apiServerHealthy,
            @Column(insertable = false, updatable = false) Boolean prometheusHealthy,
            @Column(insertable = false, updatable = false) Boolean tempoHealthy,
            @Column(insertable = false, updatable = false) Boolean lokiHealthy,
            @Column(insertable = false, updatable = false) Instant lastCheckedAt,
            @Column(insertable = false, updatable = false) Instant lastSeenAt) {

        ClusterStatus status() {
            return new ClusterStatus(
                    state == null ? ClusterState.UNKNOWN : state,
                    healthScore,
                    connectivity == null ? Connectivity.DISCONNECTED : connectivity,
                    lastError,
                    apiServerHealthy,
                    prometheusHealthy,
                    tempoHealthy,
                    lokiHealthy);
        }
    }

    /** Written by discovery. */
    @Embeddable
    record Capabilities(
            @Column(insertable = false, updatable = false) boolean hasGpuNodes,
            @Column(insertable = false, updatable = false) int gpuCount,

            @JdbcTypeCode(SqlTypes.JSON) @Column(insertable = false, updatable = false)
            List<String> gpuTypes,

            @Column(insertable = false, updatable = false) boolean hasPrometheus,
            @Column(insertable = false, updatable = false) boolean hasThanos,
            @Column(insertable = false, updatable = false) boolean hasTempo,
            @Column(insertable = false, updatable = false) boolean hasLoki,
            @Column(insertable = false, updatable = false) boolean hasServiceMesh,
            @Column(insertable = false, updatable = false) boolean hasCnfWorkloads,

            @JdbcTypeCode(SqlTypes.JSON) @Column(insertable = false, updatable = false)
            List<String> cnfTypes,

            @Column(insertable = false, updatable = false) Instant discoveredAt) {

        ClusterCapabilities toModel() {
            return new ClusterCapabilities(
                    hasGpuNodes,
                    gpuCount,
                    gpuTypes == null ? List.of() : gpuTypes,
                    hasPrometheus,
                    hasThanos,
                    hasTempo,
                    hasLoki,
                    hasServiceMesh,
                    hasCnfWorkloads,
                    cnfTypes == null ? List.of() : knownCnfTypes(cnfTypes));
        }

        private static List<CnfType> knownCnfTypes(List<String> names) {
            return names.stream()
                    .map(name -> {
                        try {
                            return CnfType.valueOf(name);
                        } catch (IllegalArgumentException ex) {
                            return CnfType.OTHER;
                        }
                    })
                    .distinct()
                    .toList();
        }
    }

    /** Written by the credentials service: whether secrets are stored and when they expire. */
    @Embeddable
    record CredentialsSummary(
            @Column(insertable = false, updatable = false) boolean hasCredentials,
            @Column(insertable = false, updatable = false) Instant credentialsExpiresAt) {}

    protected ClusterEntity() {}

    ClusterEntity(UUID id, String name, Instant now) {
        this.id = id;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces everything a user edits. */
    void describe(
            String displayName,
            String apiServerUrl,
            ClusterType clusterType,
            Platform platform,
            String platformVersion,
            String region,
            Environment environment,
            ClusterEndpoints endpoints,
            Map<String, String> labels) {
        this.displayName = displayName;
        this.apiServerUrl = apiServerUrl;
        this.clusterType = clusterType;
        this.platform = platform;
        this.platformVersion = platformVersion;
        this.region = region;
        this.environment = environment;
        this.endpoints = new Endpoints(
                endpoints.prometheusUrl(), endpoints.tempoUrl(), endpoints.lokiUrl(), endpoints.alertmanagerUrl());
        this.labels = new HashMap<>(labels);
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String displayName() {
        return displayName;
    }

    String apiServerUrl() {
        return apiServerUrl;
    }

    ClusterType clusterType() {
        return clusterType;
    }

    Platform platform() {
        return platform;
    }

    String platformVersion() {
        return platformVersion;
    }

    String region() {
        return region;
    }

    Environment environment() {
        return environment;
    }

    Map<String, String> labels() {
        return labels == null ? Map.of() : Map.copyOf(labels);
    }

    ClusterEndpoints endpoints() {
        // Hibernate leaves an embedded value null when all its columns are
        return endpoints == null
                ? ClusterEndpoints.none()
                : new ClusterEndpoints(
                        endpoints.prometheusUrl(),
                        endpoints.tempoUrl(),
                        endpoints.lokiUrl(),
                        endpoints.alertmanagerUrl());
    }

    ClusterStatus status() {
        return health == null
                ? new ClusterStatus(ClusterState.UNKNOWN, 0, Connectivity.DISCONNECTED, null, null, null, null, null)
                : health.status();
    }

    Instant lastSeenAt() {
        return health == null ? null : health.lastSeenAt();
    }

    ClusterCapabilities capabilities() {
        return capabilities == null ? ClusterCapabilities.none() : capabilities.toModel();
    }

    boolean hasCredentials() {
        return credentials != null && credentials.hasCredentials();
    }

    Instant credentialsExpiresAt() {
        return credentials == null ? null : credentials.credentialsExpiresAt();
    }

    long version() {
        return version == null ? 0 : version;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
