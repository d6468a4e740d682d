package dev.aiops.model.intelligence;

import dev.aiops.model.observability.MetricQuery;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /api/v1/analysis/anomaly}: run detection on a PromQL range. Both times are required;
 * {@code step} defaults to 1m, {@code sensitivity} to MEDIUM, {@code detection_type} to STATISTICAL.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record AnomalyAnalysisRequest(
        @NotBlank @Size(max = MetricQuery.MAX_QUERY_LENGTH) String query,
        List<UUID> clusterIds,
        Instant startTime,
        Instant endTime,

        @Pattern(regexp = MetricQuery.STEP_PATTERN, message = "must be a Prometheus duration such as 15s, 1m or 1h30m")
        String step,

        Sensitivity sensitivity,
        DetectionType detectionType) {

    public AnomalyAnalysisRequest {
        clusterIds = clusterIds == null ? List.of() : List.copyOf(clusterIds);
        step = step == null ? MetricQuery.DEFAULT_STEP : step;
        sensitivity = sensitivity == null ? Sensitivity.MEDIUM : sensitivity;
        detectionType = detectionType == null ? DetectionType.STATISTICAL : detectionType;
    }

    @AssertTrue(message = "start_time and end_time are required, with start_time before end_time")
    boolean isTimeRangeValid() {
        return startTime != null && endTime != null && startTime.isBefore(endTime);
    }
}
