package dev.aiops.model.observability;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to a query fanned out to several clusters: one result per cluster queried, so one slow or
 * failing cluster never hides the others' data.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record FederatedMetricResponse(
        List<MetricResult> results,
        long totalQueryTimeMs,
        int clustersQueried,
        int clustersSucceeded,
        List<String> warnings) {

    public FederatedMetricResponse {
        results = results == null ? List.of() : List.copyOf(results);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
