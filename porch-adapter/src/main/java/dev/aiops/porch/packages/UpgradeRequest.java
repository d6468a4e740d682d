package dev.aiops.porch.packages;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/packages/{name}/upgrade}: a new Draft of a cloned package, merged up to a newer
 * upstream revision. The body is optional.
 *
 * @param revision the upstream revision to upgrade to; default its newest published one
 * @param workspaceName the new Draft's workspace; default {@code v{n}}, the first free one
 */
@JsonNaming(SnakeCaseStrategy.class)
record UpgradeRequest(Integer revision, String workspaceName) {}
