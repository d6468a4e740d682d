package dev.aiops.porch.packages;

import dev.aiops.porch.generation.CnfSpec;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/packages}: a new Draft revision, generated from {@code cnf} or cloned from a
 * published revision ({@code clone_from}); exactly one of the two.
 *
 * @param repository default: the embedded git repository
 * @param workspaceName default {@code v{n}}, n one more than the package's revisions
 * @param intentId optional, written to the commit messages
 * @param correlationId optional, written to the commit messages and the events
 */
@JsonNaming(SnakeCaseStrategy.class)
record CreatePackageRequest(
        String packageName,
        String repository,
        String workspaceName,
        CnfSpec cnf,
        CloneFrom cloneFrom,
        String intentId,
        String correlationId) {

    @JsonNaming(SnakeCaseStrategy.class)
    record CloneFrom(String packageName, Integer revision) {}
}
