package dev.aiops.porch.packages;

import dev.aiops.porch.render.RenderStatus;
import java.util.SortedMap;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A revision's files, as Porch's PackageRevisionResources holds them: file name → content, with the
 * render status. {@code resource_version} must be sent back unchanged with an edit (or as If-Match).
 */
@JsonNaming(SnakeCaseStrategy.class)
record PackageResources(
        String name, long resourceVersion, SortedMap<String, String> resources, RenderStatus renderStatus) {}
