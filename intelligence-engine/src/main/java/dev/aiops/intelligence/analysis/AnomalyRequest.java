package dev.aiops.intelligence.analysis;

import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.intelligence.Sensitivity;
import dev.aiops.model.observability.MetricQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /api/v1/analysis/anomaly}: either a PromQL {@code query} with {@code start_time} and
 * {@code end_time} (fetched through the collector's federated range API, every series of every cluster scored
 * on its own), or raw {@code points} of one series with the {@code cluster_id} and {@code metric_name} they
 * belong to. {@code sensitivity} defaults to MEDIUM; {@code upper_bound} optionally marks values above it as
 * THRESHOLD_BREACH.
 */
@JsonNaming(SnakeCaseStrategy.class)
record AnomalyRequest(
        @Size(max = MetricQuery.MAX_QUERY_LENGTH) String query,
        List<UUID> clusterIds,
        Instant startTime,
        Instant endTime,

        @Pattern(regexp = MetricQuery.STEP_PATTERN, message = "must be a Prometheus duration such as 15s, 1m or 1h30m")
        String step,

        Sensitivity sensitivity,
        @Size(max = MAX_POINTS) List<@Valid @NotNull Point> points,
        UUID clusterId,
        @Size(max = 256) String metricName,
        Map<String, String> labels,
        Double upperBound) {

    static final int MAX_POINTS = 50_000;
    /** A range longer than this at the given step would be more points than one request may score. */
    static final Duration MAX_RANGE = Duration.ofDays(31);

    AnomalyRequest {
        clusterIds = clusterIds == null ? List.of() : List.copyOf(clusterIds);
        step = step == null ? MetricQuery.DEFAULT_STEP : step;
        sensitivity = sensitivity == null ? Sensitivity.MEDIUM : sensitivity;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @JsonNaming(SnakeCaseStrategy.class)
    record Point(@NotNull Instant timestamp, @NotNull Double value) {}

    boolean fromQuery() {
        return query != null;
    }

    /** The checks Bean Validation cannot express: which source, and what each source needs. */
    List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        boolean hasQuery = query != null;
        boolean hasPoints = points != null;
        if (hasQuery == hasPoints) {
            violations.add(new FieldViolation("query", "give either query (with start_time and end_time) or points"));
            return violations;
        }
        if (hasQuery) {
            if (query.isBlank()) {
                violations.add(new FieldViolation("query", "must not be blank"));
            }
            if (startTime == null) {
                violations.add(new FieldViolation("start_time", "is required with query"));
            }
            if (endTime == null) {
                violations.add(new FieldViolation("end_time", "is required with query"));
            }
            if (startTime != null && endTime != null) {
                if (!startTime.isBefore(endTime)) {
                    violations.add(new FieldViolation("end_time", "must be after start_time"));
                } else if (Duration.between(startTime, endTime).compareTo(MAX_RANGE) > 0) {
                    violations.add(new FieldViolation("end_time", "the range may span at most 31 days"));
                }
            }
        } else {
            if (clusterId == null) {
                violations.add(new FieldViolation("cluster_id", "is required with points"));
            }
            if (metricName == null || metricName.isBlank()) {
                violations.add(new FieldViolation("metric_name", "is required with points"));
            }
            if (points.size() < Detections.MIN_POINTS) {
                violations.add(
                        new FieldViolation("points", "needs at least " + Detections.MIN_POINTS + " points of history"));
            }
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                if (p != null && p.value() != null && !Double.isFinite(p.value())) {
                    violations.add(new FieldViolation("points[" + i + "].value", "must be a finite number"));
                    break;
                }
                if (i > 0
                        && p != null
                        && points.get(i - 1) != null
                        && p.timestamp() != null
                        && points.get(i - 1).timestamp() != null
                        && !p.timestamp().isAfter(points.get(i - 1).timestamp())) {
                    violations.add(new FieldViolation("points[" + i + "].timestamp", "points must be in time order"));
                    break;
                }
            }
        }
        if (upperBound != null && !Double.isFinite(upperBound)) {
            violations.add(new FieldViolation("upper_bound", "must be a finite number"));
        }
        return violations;
    }
}
