package dev.aiops.collector.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aiops.model.observability.MetricResult;
import dev.aiops.model.observability.MetricResultType;
import dev.aiops.model.observability.MetricSeries;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * CONTRACTS.md's federated response: one result per cluster queried (its status, time, and for a query
 * without aggregation its series, each labelled {@code cluster}), plus, for a query aggregated across the
 * fleet, {@code fleet_result}: the aggregate computed from every cluster's partials.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record FederatedQueryResponse(
        List<MetricResult> results,
        long totalQueryTimeMs,
        int clustersQueried,
        int clustersSucceeded,
        List<String> warnings,
        @JsonInclude(JsonInclude.Include.NON_NULL) FleetResult fleetResult) {

    @JsonNaming(SnakeCaseStrategy.class)
    public record FleetResult(MetricResultType resultType, List<MetricSeries> data) {}
}
