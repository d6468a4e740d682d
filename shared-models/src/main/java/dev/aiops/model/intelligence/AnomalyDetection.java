package dev.aiops.model.intelligence;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An anomaly found in one series; also the payload of ANOMALY_DETECTED. {@code related_alerts} holds
 * Alertmanager fingerprints of alerts firing on the same series at the time.
 *
 * @param confidenceScore 0..1
 */
@JsonNaming(SnakeCaseStrategy.class)
public record AnomalyDetection(
        UUID id,
        @NotNull UUID clusterId,
        @NotBlank String metricName,
        Map<String, String> labels,
        @NotNull DetectionType detectionType,
        @NotNull AnomalySeverity severity,
        @NotNull AnomalyType anomalyType,
        @DecimalMin("0.0") @DecimalMax("1.0") double confidenceScore,
        Double expectedValue,
        Double actualValue,
        Double deviationPercent,
        String explanation,
        @NotNull Instant detectedAt,
        List<String> relatedAlerts) {

    public AnomalyDetection {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        relatedAlerts = relatedAlerts == null ? List.of() : List.copyOf(relatedAlerts);
    }
}
