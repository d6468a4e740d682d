package dev.aiops.model.observability;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One series of a result: its labels ({@code metric}) and either {@code values} (MATRIX) or a single
 * {@code value} (VECTOR, SCALAR, STRING; SCALAR and STRING have no labels).
 */
@JsonNaming(SnakeCaseStrategy.class)
public record MetricSeries(Map<String, String> metric, List<MetricSample> values, MetricSample value) {

    public MetricSeries {
        metric = metric == null ? Map.of() : Map.copyOf(metric);
        values = values == null ? List.of() : List.copyOf(values);
    }
}
