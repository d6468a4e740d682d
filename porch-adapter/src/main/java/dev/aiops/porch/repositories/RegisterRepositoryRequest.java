package dev.aiops.porch.repositories;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/repositories}.
 *
 * @param name a DNS-1123 label, unique among configured and registered repositories
 * @param type {@code git}: a git repository kept in the adapter's data folder, local or mirroring a remote;
 *     {@code porch}: a Porch API server, health-checked, whose PackageRevisions the packages API reads and writes
 *     for this repository (the name is the Porch Repository object's)
 * @param git for type git: {@code repo} empty (a local repository) or an http(s) URL without user information or
 *     an SSH URL ({@code ssh://user@host[:port]/path}, {@code user@host:path}) (a remote), {@code secret_ref} the
 *     name of its credentials (HTTP basic, or an SSH private key and known_hosts lines: required for SSH) in
 *     {@code aiops.porch.remote-git.credentials}, {@code branch} main, {@code directory} /
 * @param porch for type porch: the API server's URL, the namespace of its Repository objects and {@code secret_ref},
 *     the name of the bearer token (and CA bundle) to call it with in {@code aiops.porch.porch-api.credentials}, or
 *     {@code in-cluster} for the adapter's own service account
 */
@JsonNaming(SnakeCaseStrategy.class)
record RegisterRepositoryRequest(
        String name, String type, String description, Boolean deployment, GitSpec git, PorchSpec porch) {

    @JsonNaming(SnakeCaseStrategy.class)
    record GitSpec(String repo, String branch, String directory, String secretRef) {}

    @JsonNaming(SnakeCaseStrategy.class)
    record PorchSpec(String url, String namespace, String secretRef) {}
}
