package dev.aiops.porch.repositories;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A package repository as {@code GET /api/v1/repositories} shows it; {@code git} is null for OCI and Porch,
 * {@code porch} null but for Porch.
 *
 * @param source CONFIG (aiops.porch.repositories) or API (registered through the API)
 * @param served whether the packages API reads and writes packages in it (git repositories the adapter opened,
 *     registered Porch API servers)
 * @param status READY (the repository answers), UNAVAILABLE (it does not, or a configured http(s) or SSH remote
 *     could not be mirrored at start), UNSUPPORTED (configured, but not a kind this adapter serves: OCI, a branch
 *     or directory other than main and /)
 */
@JsonNaming(SnakeCaseStrategy.class)
public record RepositoryView(
        String name,
        PorchProperties.Type type,
        String description,
        boolean deployment,
        GitView git,
        PorchView porch,
        Source source,
        boolean served,
        Status status) {

    public enum Source {
        CONFIG,
        API
    }

    @JsonNaming(SnakeCaseStrategy.class)
    public record PorchView(String url, String namespace, String secretRef) {}

    public enum Status {
        READY,
        UNAVAILABLE,
        UNSUPPORTED
    }

    @JsonNaming(SnakeCaseStrategy.class)
    public record GitView(String repo, String branch, String directory, String secretRef) {}

    static RepositoryView of(PorchProperties.Repository repository, boolean served, Status status) {
        PorchProperties.Git git = repository.git();
        return new RepositoryView(
                repository.name(),
                repository.type(),
                repository.description(),
                repository.deployment(),
                git == null ? null : new GitView(git.repo(), git.branch(), git.directory(), git.secretRef()),
                null,
                Source.CONFIG,
                served,
                status);
    }
}
