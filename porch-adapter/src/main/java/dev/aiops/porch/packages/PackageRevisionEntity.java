package dev.aiops.porch.packages;

import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.model.packages.PackageRevisionSummary;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The index row of one package revision. Git holds the revision itself (its files, and its lifecycle as
 * the branch or tag that exists); this row makes listing, locking and lookups cheap and carries the
 * resource version that detects concurrent edits.
 */
@Entity
@Table(name = "package_revision")
class PackageRevisionEntity {

    /** The PackageRevision's {@code metadata.name}: {@code {repository}.{package}.{workspace}}. */
    @Id
    private String id;

    @Column(nullable = false, updatable = false)
    private String packageName;

    @Column(nullable = false, updatable = false)
    private String repository;

    @Column(nullable = false, updatable = false)
    private String workspaceName;

    @Column(nullable = false)
    private int revision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PackageLifecycle lifecycle;

    private String site;

    private String intentId;

    private String correlationId;

    private String upstreamPackage;

    private Integer upstreamRevision;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected PackageRevisionEntity() {}

    PackageRevisionEntity(
            String repository,
            String packageName,
            String workspaceName,
            PackageLifecycle lifecycle,
            String site,
            String intentId,
            String correlationId) {
        this.id = nameOf(repository, packageName, workspaceName);
        this.repository = repository;
        this.packageName = packageName;
        this.workspaceName = workspaceName;
        this.lifecycle = lifecycle;
        this.site = site;
        this.intentId = intentId;
        this.correlationId = correlationId;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    static String nameOf(String repository, String packageName, String workspaceName) {
        return repository + "." + packageName + "." + workspaceName;
    }

    PackageRevisionSummary toSummary() {
        return new PackageRevisionSummary(
                id, packageName, repository, workspaceName, revision, lifecycle, site, createdAt, updatedAt);
    }

    void moveTo(PackageLifecycle next) {
        this.lifecycle = next;
        touch();
    }

    void publish(int revision) {
        this.revision = revision;
        moveTo(PackageLifecycle.PUBLISHED);
    }

    /** Marks an edit; the version column moves with it, which is how a stale editor is caught. */
    void touch() {
        this.updatedAt = Instant.now();
    }

    void site(String site) {
        this.site = site;
    }

    void upstream(String upstreamPackage, Integer upstreamRevision) {
        this.upstreamPackage = upstreamPackage;
        this.upstreamRevision = upstreamRevision;
    }

    String id() {
        return id;
    }

    String packageName() {
        return packageName;
    }

    String repository() {
        return repository;
    }

    String workspaceName() {
        return workspaceName;
    }

    int revision() {
        return revision;
    }

    PackageLifecycle lifecycle() {
        return lifecycle;
    }

    String site() {
        return site;
    }

    String intentId() {
        return intentId;
    }

    String correlationId() {
        return correlationId;
    }

    String upstreamPackage() {
        return upstreamPackage;
    }

    Integer upstreamRevision() {
        return upstreamRevision;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    long version() {
        return version == null ? 0 : version;
    }
}
