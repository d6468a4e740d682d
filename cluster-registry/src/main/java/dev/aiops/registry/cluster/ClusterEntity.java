package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.model.cluster.Environment;
import dev.aiops.model.cluster.Platform;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The cluster row. JPA owns the editable fields; health, capabilities and the credentials summary are
 * read-only here because the health checker, discovery and the credentials service write them with
 * their own statements (which must not bump the optimistic-locking version users hold, nor be
 * overwritten by a user's update). {@code @DynamicUpdate} keeps an update to the changed columns.
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

    private String prometheusUrl;
    private String tempoUrl;
    private String lokiUrl;
    private String alertmanagerUrl;

    // ---- written by the health checker
    @Enumerated(EnumType.STRING)
    @Column(insertable = false, updatable = false)
    private ClusterState state;

    @Column(insertable = false, updatable = false)
    private int healthScore;

    @Enumerated(EnumType.STRING)
    @Column(insertable = false, updatable = false)
    private Connectivity connectivity;

    @Column(insertable = false, updatable = false)
    private String lastError;

    @Column(insertable = false, updatable = false)
    private Boolean apiServerHealthy;

    @Column(insertable = false, updatable = false)
    private Boolean prometheusHealthy;

    @Column(insertable = false, updatable = false)
    private Boolean tempoHealthy;

    @Column(insertable = false, updatable = false)
    private Boolean lokiHealthy;

    @Column(insertable = false, updatable = false)
    private Instant lastCheckedAt;

    @Column(insertable = false, updatable = false)
    private Instant lastSeenAt;

    // ---- written by discovery
    @Column(insertable = false, updatable = false)
    private boolean hasGpuNodes;

    @Column(insertable = false, updatable = false)
    private int gpuCount;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(insertable = false, updatable = false)
    private List<String> gpuTypes = new ArrayList<>();

    @Column(insertable = false, updatable = false)
    private boolean hasPrometheus;

    @Column(insertable = false, updatable = false)
    private boolean hasThanos;

    @Column(insertable = false, updatable = false)
    private boolean hasTempo;

    @Column(insertable = false, updatable = false)
    private boolean hasLoki;

    @Column(insertable = false, updatable = false)
    private boolean hasServiceMesh;

    @Column(insertable = false, updatable = false)
    private boolean hasCnfWorkloads;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(insertable = false, updatable = false)
    private List<String> cnfTypes = new ArrayList<>();

    @Column(insertable = false, updatable = false)
    private Instant discoveredAt;

    // ---- written by the credentials service
    @Column(insertable = false, updatable = false)
    private boolean hasCredentials;

    @Column(insertable = false, updatable = false)
    private Instant credentialsExpiresAt;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected ClusterEntity() {}

    ClusterEntity(UUID id, String name, Instant now) {
        this.id = id;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getDisplayName() {
        return displayName;
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    String getApiServerUrl() {
        return apiServerUrl;
    }

    void setApiServerUrl(String apiServerUrl) {
        this.apiServerUrl = apiServerUrl;
    }

    ClusterType getClusterType() {
        return clusterType;
    }

    void setClusterType(ClusterType clusterType) {
        this.clusterType = clusterType;
    }

    Platform getPlatform() {
        return platform;
    }

    void setPlatform(Platform platform) {
        this.platform = platform;
    }

    String getPlatformVersion() {
        return platformVersion;
    }

    void setPlatformVersion(String platformVersion) {
        this.platformVersion = platformVersion;
    }

    String getRegion() {
        return region;
    }

    void setRegion(String region) {
        this.region = region;
    }

    Environment getEnvironment() {
        return environment;
    }

    void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    Map<String, String> getLabels() {
        return labels;
    }

    void setLabels(Map<String, String> labels) {
        this.labels = new HashMap<>(labels);
    }

    String getPrometheusUrl() {
        return prometheusUrl;
    }

    void setPrometheusUrl(String prometheusUrl) {
        this.prometheusUrl = prometheusUrl;
    }

    String getTempoUrl() {
        return tempoUrl;
    }

    void setTempoUrl(String tempoUrl) {
        this.tempoUrl = tempoUrl;
    }

    String getLokiUrl() {
        return lokiUrl;
    }

    void setLokiUrl(String lokiUrl) {
        this.lokiUrl = lokiUrl;
    }

    String getAlertmanagerUrl() {
        return alertmanagerUrl;
    }

    void setAlertmanagerUrl(String alertmanagerUrl) {
        this.alertmanagerUrl = alertmanagerUrl;
    }

    ClusterState getState() {
        return state;
    }

    int getHealthScore() {
        return healthScore;
    }

    Connectivity getConnectivity() {
        return connectivity;
    }

    String getLastError() {
        return lastError;
    }

    Boolean getApiServerHealthy() {
        return apiServerHealthy;
    }

    Boolean getPrometheusHealthy() {
        return prometheusHealthy;
    }

    Boolean getTempoHealthy() {
        return tempoHealthy;
    }

    Boolean getLokiHealthy() {
        return lokiHealthy;
    }

    Instant getLastCheckedAt() {
        return lastCheckedAt;
    }

    Instant getLastSeenAt() {
        return lastSeenAt;
    }

    boolean isHasGpuNodes() {
        return hasGpuNodes;
    }

    int getGpuCount() {
        return gpuCount;
    }

    List<String> getGpuTypes() {
        return gpuTypes == null ? List.of() : gpuTypes;
    }

    boolean isHasPrometheus() {
        return hasPrometheus;
    }

    boolean isHasThanos() {
        return hasThanos;
    }

    boolean isHasTempo() {
        return hasTempo;
    }

    boolean isHasLoki() {
        return hasLoki;
    }

    boolean isHasServiceMesh() {
        return hasServiceMesh;
    }

    boolean isHasCnfWorkloads() {
        return hasCnfWorkloads;
    }

    List<String> getCnfTypes() {
        return cnfTypes == null ? List.of() : cnfTypes;
    }

    Instant getDiscoveredAt() {
        return discoveredAt;
    }

    boolean isHasCredentials() {
        return hasCredentials;
    }

    Instant getCredentialsExpiresAt() {
        return credentialsExpiresAt;
    }

    long getVersion() {
        return version == null ? 0 : version;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
