package dev.aiops.model.packages;

import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A Porch PackageRevision in platform form.
 *
 * @param name the PackageRevision object's Kubernetes name, needed to act on it
 * @param revision Porch's revision number: 0 until published, then 1, 2, ... (the {@code v{revision}} tag)
 * @param site the Kptfile's {@code info.site}, if any
 */
@JsonNaming(SnakeCaseStrategy.class)
public record PackageRevisionSummary(
        String name,
        String packageName,
        String repository,
        String workspaceName,
        int revision,
        PackageLifecycle lifecycle,
        String site,
        Instant createdAt,
        Instant updatedAt) {}
