package dev.aiops.model.observability;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** One cluster's answer to a federated query; {@code error} is set unless the status is SUCCESS. */
@JsonNaming(SnakeCaseStrategy.class)
public record MetricResult(
        UUID clusterId,
        String clusterName,
        MetricResultStatus status,
        MetricResultType resultType,
        List<MetricSeries> data,
        String error,
        long queryTimeMs) {

    public MetricResult {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
