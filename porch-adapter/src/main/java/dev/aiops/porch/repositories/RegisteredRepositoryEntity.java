package dev.aiops.porch.repositories;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A repository registered through the API: a local git repository in the data folder, or a Porch API server. */
@Entity
@Table(name = "package_repository")
class RegisteredRepositoryEntity {

    @Id
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PorchProperties.Type type;

    private String description;

    private boolean deployment;

    private String porchUrl;

    private String porchNamespace;

    /** the remote a registered git repository mirrors; null for a local one */
    private String gitUrl;

    /** the name of its credentials in aiops.porch.remote-git.credentials; never the credentials */
    private String gitSecretRef;

    /** the name of a Porch API server's credentials (aiops.porch.porch-api.credentials, or in-cluster); never them */
    private String porchSecretRef;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected RegisteredRepositoryEntity() {}

    RegisteredRepositoryEntity(
            String name,
            PorchProperties.Type type,
            String description,
            boolean deployment,
            String porchUrl,
            String porchNamespace) {
        this.name = name;
        this.type = type;
        this.description = description;
        this.deployment = deployment;
        this.porchUrl = porchUrl;
        this.porchNamespace = porchNamespace;
        this.createdAt = Instant.now();
    }

    String name() {
        return name;
    }

    PorchProperties.Type type() {
        return type;
    }

    String description() {
        return description;
    }

    boolean deployment() {
        return deployment;
    }

    String porchUrl() {
        return porchUrl;
    }

    String porchNamespace() {
        return porchNamespace;
    }

    String gitUrl() {
        return gitUrl;
    }

    String gitSecretRef() {
        return gitSecretRef;
    }

    String porchSecretRef() {
        return porchSecretRef;
    }

    RegisteredRepositoryEntity porchCredentials(String secretRef) {
        this.porchSecretRef = secretRef;
        return this;
    }

    RegisteredRepositoryEntity remote(String url, String secretRef) {
        this.gitUrl = url;
        this.gitSecretRef = secretRef;
        return this;
    }
}
