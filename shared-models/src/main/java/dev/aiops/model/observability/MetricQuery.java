package dev.aiops.model.observability;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A PromQL query fanned out to several clusters. Empty {@code cluster_ids} means every cluster with
 * Prometheus. Without {@code start_time}/{@code end_time} it is an instant query; with both it is a range
 * query evaluated every {@code step}. {@code timeout} is in seconds (default 30, at most 300) and bounds
 * each cluster's query, not the whole fan-out.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record MetricQuery(
        @NotBlank @Size(max = MAX_QUERY_LENGTH) String query,
        List<UUID> clusterIds,
        Instant startTime,
        Instant endTime,

        @Pattern(regexp = STEP_PATTERN, message = "must be a Prometheus duration such as 15s, 1m or 1h30m")
        String step,

        @Min(1) @Max(MAX_TIMEOUT_SECONDS) Integer timeout) {

    public static final String DEFAULT_STEP = "1m";
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int MAX_TIMEOUT_SECONDS = 300;
    public static final int MAX_QUERY_LENGTH = 16_384;
    /** Prometheus duration ({@code 1h30m}, {@code 15s}) or plain seconds ({@code 30}, {@code 0.5}). */
    public static final String STEP_PATTERN = "^((\\d+(ms|s|m|h|d|w|y))+|\\d+(\\.\\d+)?)$";

    public MetricQuery {
        clusterIds = clusterIds == null ? List.of() : List.copyOf(clusterIds);
        step = step == null ? DEFAULT_STEP : step;
        timeout = timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout;
    }

    /** An instant query over the given clusters with the default step and timeout. */
    public static MetricQuery instant(String query, List<UUID> clusterIds) {
        return new MetricQuery(query, clusterIds, null, null, null, null);
    }

    /** True when both ends of the range are set: the query goes to {@code query_range}. */
    public boolean rangeQuery() {
        return startTime != null && endTime != null;
    }

    @AssertTrue(message = "start_time and end_time must both be set, with start_time not after end_time")
    boolean isTimeRangeValid() {
        if (startTime == null && endTime == null) {
            return true;
        }
        return startTime != null && endTime != null && !startTime.isAfter(endTime);
    }
}
