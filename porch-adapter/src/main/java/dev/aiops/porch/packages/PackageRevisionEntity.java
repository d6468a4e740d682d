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

@Entity
@Table(name = "package_revision")
class PackageRevisionEntity {

    /** The PackageRevision's {@code metadata.name}. */
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

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected PackageRevisionEntity() {}

    PackageRevisionSummary toSummary() {
        return new PackageRevisionSummary(
                id, packageName, repository, workspaceName, revision, lifecycle, site, createdAt, updatedAt);
    }
}
