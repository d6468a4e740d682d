package dev.aiops.model.intelligence;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Payload of RCA_COMPLETE: the outcome of a root-cause analysis, most likely cause first.
 *
 * @param relatedAlerts fingerprints of the alerts the analysis started from or found related
 * @param confidenceScore 0..1
 */
@JsonNaming(SnakeCaseStrategy.class)
public record RcaCompletedEvent(
        UUID analysisId,
        UUID clusterId,
        String summary,
        List<String> probableCauses,
        List<String> recommendations,
        List<String> relatedAlerts,
        double confidenceScore) {

    public RcaCompletedEvent {
        probableCauses = probableCauses == null ? List.of() : List.copyOf(probableCauses);
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
        relatedAlerts = relatedAlerts == null ? List.of() : List.copyOf(relatedAlerts);
    }
}
