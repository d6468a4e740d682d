package dev.aiops.intelligence.analysis;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Answer of {@code POST /api/v1/analysis/rca}: candidate root causes, most likely first.
 *
 * @param summary the most likely cause in a sentence; written by a language model when {@code explanationSource}
 *     is LLM
 * @param explanationSource LLM: the summary was written by a language model from the ranked causes; TEMPLATE:
 *     built from templates (no model configured, or none answered). The causes' own sentences are always
 *     templates
 * @param warnings sources that could not be read; the ranking used the others
 */
@JsonNaming(SnakeCaseStrategy.class)
record RcaResult(
        UUID analysisId,
        UUID clusterId,
        String clusterName,
        String triggerKind,
        String triggerRef,
        Instant windowStart,
        Instant windowEnd,
        String summary,
        List<CandidateCause> causes,
        int objectsConsidered,
        int signalsConsidered,
        String explanationSource,
        List<String> warnings,
        Instant createdAt) {

    RcaResult withSummary(String written, String source) {
        return new RcaResult(
                analysisId,
                clusterId,
                clusterName,
                triggerKind,
                triggerRef,
                windowStart,
                windowEnd,
                written,
                causes,
                objectsConsidered,
                signalsConsidered,
                source,
                warnings,
                createdAt);
    }

    /**
     * @param objectId graph id, {@code kind/cluster/name}
     * @param confidence share of the evidence, the confidences of one analysis sum to 1 over all candidates
     * @param explainedObjects affected objects downstream of this one in the topology
     */
    @JsonNaming(SnakeCaseStrategy.class)
    record CandidateCause(
            int rank,
            String objectId,
            String objectKind,
            double confidence,
            int explainedObjects,
            String explanation,
            String recommendation,
            List<Evidence> evidence) {}

    /** @param reference where it came from: {@code alert:<fingerprint>}, {@code anomaly:<id>}, ... */
    @JsonNaming(SnakeCaseStrategy.class)
    record Evidence(String kind, String name, Instant at, String reference) {}
}
