package dev.aiops.intelligence.analysis;

import dev.aiops.model.error.FieldViolation;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /api/v1/analysis/explain}: one {@code anomaly_id} or one {@code alert_fingerprint}. */
@JsonNaming(SnakeCaseStrategy.class)
record ExplainRequest(UUID anomalyId, @Size(max = 128) String alertFingerprint) {

    List<FieldViolation> violations() {
        if ((anomalyId == null) == (alertFingerprint == null || alertFingerprint.isBlank())) {
            return List.of(new FieldViolation("anomaly_id", "give exactly one of anomaly_id or alert_fingerprint"));
        }
        return List.of();
    }
}
