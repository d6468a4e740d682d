package dev.aiops.intelligence.analysis;

import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Answer of {@code POST /api/v1/analysis/explain}.
 *
 * @param analysisId the root-cause analysis run to find the probable cause (also sent as RCA_COMPLETE)
 * @param source LLM: written by a language model from the template facts; TEMPLATE: the template text (no model
 *     configured, or none answered)
 * @param model the model that wrote it, null for TEMPLATE
 */
@JsonNaming(SnakeCaseStrategy.class)
record Explanation(
        String subjectKind,
        String subjectRef,
        String explanation,
        String probableCause,
        double confidence,
        UUID analysisId,
        String source,
        String model) {}
