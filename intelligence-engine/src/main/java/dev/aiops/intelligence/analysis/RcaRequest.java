package dev.aiops.intelligence.analysis;

import dev.aiops.model.error.FieldViolation;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /api/v1/analysis/rca}: exactly one starting point, an {@code alert_fingerprint}, an
 * {@code anomaly_id}, or a {@code cluster_id} with {@code start_time} and {@code end_time}.
 */
@JsonNaming(SnakeCaseStrategy.class)
record RcaRequest(
        @Size(max = 128) String alertFingerprint, UUID anomalyId, UUID clusterId, Instant startTime, Instant endTime) {

    static final Duration MAX_WINDOW = Duration.ofDays(1);

    List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        int given = (alertFingerprint != null ? 1 : 0) + (anomalyId != null ? 1 : 0) + (clusterId != null ? 1 : 0);
        if (given != 1) {
            violations.add(new FieldViolation(
                    "alert_fingerprint", "give exactly one of alert_fingerprint, anomaly_id or cluster_id"));
            return violations;
        }
        if (alertFingerprint != null && alertFingerprint.isBlank()) {
            violations.add(new FieldViolation("alert_fingerprint", "must not be blank"));
        }
        if (clusterId != null) {
            if (startTime == null) {
                violations.add(new FieldViolation("start_time", "is required with cluster_id"));
            }
            if (endTime == null) {
                violations.add(new FieldViolation("end_time", "is required with cluster_id"));
            }
            if (startTime != null && endTime != null) {
                if (!startTime.isBefore(endTime)) {
                    violations.add(new FieldViolation("end_time", "must be after start_time"));
                } else if (Duration.between(startTime, endTime).compareTo(MAX_WINDOW) > 0) {
                    violations.add(new FieldViolation("end_time", "the window may span at most 24 hours"));
                }
            }
        }
        return violations;
    }
}
