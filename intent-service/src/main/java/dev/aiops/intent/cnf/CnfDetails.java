package dev.aiops.intent.cnf;

import dev.aiops.model.cnf.CnfErrorKind;
import dev.aiops.model.cnf.CnfState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A CNF as {@code /api/v1/cnfs} shows it: the lifecycle state, what it waits for ({@code status_message}),
 * desired and ready replicas, the package revision deploying it, conditions and the state history;
 * {@code labels} (what closed-loop rules' label selectors match) and, for a CNF a migration planned,
 * {@code replaces_cnf_id}.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record CnfDetails(
        UUID id,
        String name,
        String function,
        UUID clusterId,
        String clusterName,
        String site,
        String namespace,
        CnfState state,
        String statusMessage,
        int replicas,
        int readyReplicas,
        UUID intentId,
        String packageName,
        String packageRevisionName,
        Integer packageRevision,
        String lastError,
        CnfErrorKind lastErrorKind,
        List<Condition> conditions,
        List<Transition> history,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> labels,
        UUID replacesCnfId) {

    /**
     * Kubernetes-style condition: {@code PackagePublished}, the health checks on the cluster ({@code
     * DeploymentReady}, {@code PodsReady}, {@code EndpointsReady}) and {@code Ready} (the CNF is Active).
     */
    @JsonNaming(SnakeCaseStrategy.class)
    public record Condition(String type, boolean status, String message) {}

    @JsonNaming(SnakeCaseStrategy.class)
    public record Transition(CnfState from, CnfState to, String reason, Instant at) {}
}
