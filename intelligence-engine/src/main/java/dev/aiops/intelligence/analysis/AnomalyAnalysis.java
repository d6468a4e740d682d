package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalyDetection;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Answer of {@code POST /api/v1/analysis/anomaly}: the anomalies found (stored, with their ids), how much was
 * looked at, and the clusters or series that could not be scored.
 */
@JsonNaming(SnakeCaseStrategy.class)
record AnomalyAnalysis(
        int seriesAnalyzed, int pointsAnalyzed, List<AnomalyDetection> anomalies, List<String> warnings) {}
