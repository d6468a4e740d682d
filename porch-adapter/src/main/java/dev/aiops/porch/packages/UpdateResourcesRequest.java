package dev.aiops.porch.packages;

import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code PUT /api/v1/packages/{name}/resources}: the complete new file set of a Draft. */
@JsonNaming(SnakeCaseStrategy.class)
record UpdateResourcesRequest(Map<String, String> resources, Long resourceVersion) {}
