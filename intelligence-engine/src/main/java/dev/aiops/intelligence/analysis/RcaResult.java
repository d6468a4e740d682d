package dev.aiops.intelligence.analysis;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Answer of {@code POST /api/v1/analysis/rca}: candidate root causes, most likely first.
 *
 * @param explanationSource TEMPLATE: the sentences are built from templates (no language model writes them yet)
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
