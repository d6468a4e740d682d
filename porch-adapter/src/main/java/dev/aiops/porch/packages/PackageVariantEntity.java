package dev.aiops.porch.packages;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A variant set's ownership of one downstream package (PackageVariant: upstream → downstream, one site). */
@Entity
@Table(name = "package_variant")
class PackageVariantEntity {

    @Id
    private String id;

    @Column(nullable = false)
    private String variantSet;

    @Column(nullable = false, updatable = false)
    private String repository;

    @Column(nullable = false, updatable = false)
    private String packageName;

    @Column(nullable = false)
    private String site;

    @Column(nullable = false)
    private String upstreamPackage;

    @Column(nullable = false)
    private String adoptionPolicy;

    @Column(nullable = false)
    private String deletionPolicy;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected PackageVariantEntity() {}

    PackageVariantEntity(
            String variantSet,
            String repository,
            String packageName,
            String site,
            String upstreamPackage,
            String adoptionPolicy,
            String deletionPolicy) {
        this.id = idOf(repository, packageName);
        this.variantSet = variantSet;
        this.repository = repository;
        this.packageName = packageName;
        this.site = site;
        this.upstreamPackage = upstreamPackage;
        this.adoptionPolicy = adoptionPolicy;
        this.deletionPolicy = deletionPolicy;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    static String idOf(String repository, String packageName) {
        return repository + "." + packageName;
    }

    void reapplied(String site, String adoptionPolicy, String deletionPolicy) {
        this.site = site;
        this.adoptionPolicy = adoptionPolicy;
        this.deletionPolicy = deletionPolicy;
        this.updatedAt = Instant.now();
    }

    String id() {
        return id;
    }

    String variantSet() {
        return variantSet;
    }

    String repository() {
        return repository;
    }

    String packageName() {
        return packageName;
    }

    String site() {
        return site;
    }

    String upstreamPackage() {
        return upstreamPackage;
    }

    String adoptionPolicy() {
        return adoptionPolicy;
    }

    String deletionPolicy() {
        return deletionPolicy;
    }
}
