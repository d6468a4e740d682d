package dev.aiops.model.packages;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Payload of PACKAGE_REVISION_CHANGED: a revision was created, changed lifecycle or was deleted.
 * {@code old_lifecycle} is null for a new revision, {@code new_lifecycle} null for a deleted one.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record PackageRevisionChangedEvent(
        String name,
        String packageName,
        String repository,
        String workspaceName,
        int revision,
        PackageLifecycle oldLifecycle,
        PackageLifecycle newLifecycle,
        String site) {}
