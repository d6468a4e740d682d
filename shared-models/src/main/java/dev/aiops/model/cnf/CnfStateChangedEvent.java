package dev.aiops.model.cnf;

import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Payload of CNF_STATE_CHANGED. {@code old_state} is null when the CNF was just created;
 * {@code error_kind} is set when the change was caused by an error.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record CnfStateChangedEvent(
        UUID cnfId,
        String name,
        String function,
        UUID clusterId,
        String site,
        CnfState oldState,
        CnfState newState,
        String reason,
        CnfErrorKind errorKind,
        UUID intentId) {}
