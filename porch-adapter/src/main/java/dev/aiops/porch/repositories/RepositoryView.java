package dev.aiops.porch.repositories;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A package repository as {@code GET /api/v1/repositories} shows it; {@code git} is null for OCI.
 *
 * @param status READY (the repository answers), UNAVAILABLE (it does not), UNSUPPORTED (configured, but not a
 *     kind this adapter serves yet: remote git, OCI)
 */
@JsonNaming(SnakeCaseStrategy.class)
public record RepositoryView(
        String name, PorchProperties.Type type, String description, boolean deployment, GitView git, Status status) {

    public enum Status {
        READY,
        UNAVAILABLE,
        UNSUPPORTED
    }

    @JsonNaming(SnakeCaseStrategy.class)
    public record GitView(String repo, String branch, String directory, String secretRef) {}

    static RepositoryView of(PorchProperties.Repository repository, Status status) {
        PorchProperties.Git git = repository.git();
        return new RepositoryView(
                repository.name(),
                repository.type(),
                repository.description(),
                repository.deployment(),
                git == null ? null : new GitView(git.repo(), git.branch(), git.directory(), git.secretRef()),
                status);
    }
}
