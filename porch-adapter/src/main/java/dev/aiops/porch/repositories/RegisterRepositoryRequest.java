package dev.aiops.porch.repositories;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/repositories}.
 *
 * @param name a DNS-1123 label, unique among configured and registered repositories
 * @param type {@code git}: a local git repository the adapter creates in its data folder and serves packages
 *     from; {@code porch}: a Porch API server, registered and health-checked (packages are not served through
 *     it yet)
 * @param git for type git: {@code repo} must stay empty (remote git is not supported), {@code branch} main
 * @param porch for type porch: the API server's URL and the namespace of its Repository objects
 */
@JsonNaming(SnakeCaseStrategy.class)
record RegisterRepositoryRequest(
        String name, String type, String description, Boolean deployment, GitSpec git, PorchSpec porch) {

    @JsonNaming(SnakeCaseStrategy.class)
    record GitSpec(String repo, String branch, String directory, String secretRef) {}

    @JsonNaming(SnakeCaseStrategy.class)
    record PorchSpec(String url, String namespace) {}
}
