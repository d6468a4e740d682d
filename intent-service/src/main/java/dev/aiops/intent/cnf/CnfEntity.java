package dev.aiops.intent.cnf;

import dev.aiops.model.cnf.CnfErrorKind;
import dev.aiops.model.cnf.CnfState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "cnf")
class CnfEntity {

    /** How far provisioning got with porch-adapter; a restart resumes after the last recorded step. */
    enum Step {
        PACKAGE_CREATED,
        PACKAGE_PROPOSED,
        PACKAGE_PUBLISHED,
        DELETION_PROPOSED,
        /** A scale, update or heal was asked for: a new revision of the package is to be created. */
        CHANGE_REQUESTED,
        CHANGE_CREATED,
        CHANGE_EDITED,
        CHANGE_PROPOSED
    }

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private UUID intentId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private String function;

    @Column(nullable = false, updatable = false)
    private UUID clusterId;

    @Column(nullable = false, updatable = false)
    private String clusterName;

    private String site;

    @Column(nullable = false)
    private String namespace;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CnfState state;

    @Enumerated(EnumType.STRING)
    private Step step;

    private String statusMessage;

    private int replicas;

    private int readyReplicas;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> resources;

    @Column(nullable = false, updatable = false)
    private String packageName;

    private String packageRevisionName;

    private Integer packageRevision;

    private int attempts;

    @Column(nullable = false)
    private Instant nextAttemptAt;

    private String lastError;

    @Enumerated(EnumType.STRING)
    private CnfErrorKind lastErrorKind;

    private Instant observedAt;

    private Instant notReadySince;

    /** The health monitor's last checks ({@link CnfHealth#CHECKS}): {type: {status, message}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> healthChecks;

    private int changeSeq;

    private String changeRevisionName;

    private boolean restartRequested;

    private UUID changeIntentId;

    /** Labels rules' selectors match: from the intent and the cluster it was planned on. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, String> labels = Map.of();

    /** The CNF this one replaces (a migration): terminated once this one is Active. */
    private UUID replacesCnfId;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected CnfEntity() {}

    static CnfEntity pending(
            UUID intentId,
            String function,
            UUID clusterId,
            String clusterName,
            String site,
            String namespace,
            int replicas,
            Map<String, Object> resources,
            Instant now) {
        CnfEntity cnf = new CnfEntity();
        cnf.id = UUID.randomUUID();
        cnf.intentId = intentId;
        String base = function.toLowerCase(java.util.Locale.ROOT) + "-" + clusterName;
        cnf.name = base;
        // one package per intent, function and cluster: porch-adapter names revisions by package and workspace
        cnf.packageName = base + "-" + intentId.toString().substring(0, 8);
        cnf.function = function;
        cnf.clusterId = clusterId;
        cnf.clusterName = clusterName;
        cnf.site = site;
        cnf.namespace = namespace;
        cnf.state = CnfState.PENDING;
        cnf.replicas = replicas;
        cnf.resources = resources;
        cnf.nextAttemptAt = now;
        cnf.createdAt = now;
        cnf.updatedAt = now;
        return cnf;
    }

    CnfEntity labelled(Map<String, String> labels, UUID replacesCnfId) {
        this.labels = labels == null ? Map.of() : Map.copyOf(labels);
        this.replacesCnfId = replacesCnfId;
        return this;
    }

    Map<String, String> getLabels() {
        return labels == null ? Map.of() : labels;
    }

    UUID getReplacesCnfId() {
        return replacesCnfId;
    }

    /** Moves through the state machine; an illegal move throws and nothing changes. */
    CnfState moveTo(CnfState next, String message, Instant now) {
        CnfState previous = state;
        state = state.transitionTo(next);
        statusMessage = message;
        attempts = 0;
        nextAttemptAt = now;
        updatedAt = now;
        return previous;
    }

    void stepDone(Step done, String revisionName, Integer revision, String message, Instant now) {
        step = done;
        if (revisionName != null) {
            packageRevisionName = revisionName;
        }
        if (revision != null) {
            packageRevision = revision;
        }
        statusMessage = message;
        attempts = 0;
        lastError = null;
        lastErrorKind = null;
        nextAttemptAt = now;
        updatedAt = now;
    }

    void retryLater(String error, Instant at, Instant now) {
        attempts++;
        lastError = error;
        lastErrorKind = CnfErrorKind.TRANSIENT;
        nextAttemptAt = at;
        updatedAt = now;
    }

    void failed(String error, CnfErrorKind kind) {
        lastError = error;
        lastErrorKind = kind;
    }

    /**
     * Starts a change (scale, update or heal): the state moves and a new package revision is to be made,
     * numbered by {@code changeSeq}. The caller has checked the move is legal.
     */
    void requestChange(Integer newReplicas, Map<String, Object> newResources, boolean restart, UUID intentId) {
        if (newReplicas != null) {
            replicas = newReplicas;
        }
        if (newResources != null) {
            resources = newResources;
        }
        restartRequested = restart;
        changeIntentId = intentId;
        changeSeq++;
        changeRevisionName = null;
        step = Step.CHANGE_REQUESTED;
        notReadySince = null;
    }

    void changeCreated(String revisionName, Instant now) {
        changeRevisionName = revisionName;
        stepDone(Step.CHANGE_CREATED, null, null, "change draft " + revisionName, now);
    }

    /** The outcome of each health check; the row is rewritten only when one changed. */
    void checked(Map<String, CnfHealth.Check> checks) {
        Map<String, Object> now = new java.util.LinkedHashMap<>();
        checks.forEach((type, check) -> {
            Map<String, Object> value = new java.util.LinkedHashMap<>();
            value.put("status", check.status());
            value.put("message", check.message());
            now.put(type, value);
        });
        if (!now.equals(healthChecks)) {
            healthChecks = now;
        }
    }

    Map<String, Object> getHealthChecks() {
        return healthChecks == null ? Map.of() : healthChecks;
    }

    /** What the health monitor saw on the cluster; {@code ready} false starts the grace period. */
    void observed(int ready, boolean isReady, String message, Instant now) {
        // written only when something changed: the monitor looks every second, the row need not be rewritten
        boolean changed = ready != readyReplicas
                || (isReady == (notReadySince != null))
                || (message != null && !message.equals(statusMessage));
        if (!changed) {
            return;
        }
        readyReplicas = ready;
        observedAt = now;
        if (isReady) {
            notReadySince = null;
        } else if (notReadySince == null) {
            notReadySince = now;
        }
        if (message != null) {
            statusMessage = message;
        }
        updatedAt = now;
    }

    UUID getId() {
        return id;
    }

    UUID getIntentId() {
        return intentId;
    }

    String getName() {
        return name;
    }

    String getFunction() {
        return function;
    }

    UUID getClusterId() {
        return clusterId;
    }

    String getClusterName() {
        return clusterName;
    }

    String getSite() {
        return site;
    }

    String getNamespace() {
        return namespace;
    }

    CnfState getState() {
        return state;
    }

    Step getStep() {
        return step;
    }

    String getStatusMessage() {
        return statusMessage;
    }

    int getReplicas() {
        return replicas;
    }

    int getReadyReplicas() {
        return readyReplicas;
    }

    Map<String, Object> getResources() {
        return resources;
    }

    String getPackageName() {
        return packageName;
    }

    String getPackageRevisionName() {
        return packageRevisionName;
    }

    Integer getPackageRevision() {
        return packageRevision;
    }

    int getAttempts() {
        return attempts;
    }

    String getLastError() {
        return lastError;
    }

    CnfErrorKind getLastErrorKind() {
        return lastErrorKind;
    }

    Instant getObservedAt() {
        return observedAt;
    }

    Instant getNotReadySince() {
        return notReadySince;
    }

    int getChangeSeq() {
        return changeSeq;
    }

    String getChangeRevisionName() {
        return changeRevisionName;
    }

    boolean isRestartRequested() {
        return restartRequested;
    }

    UUID getChangeIntentId() {
        return changeIntentId;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
