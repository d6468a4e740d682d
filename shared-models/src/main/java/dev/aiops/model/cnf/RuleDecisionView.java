package dev.aiops.model.cnf;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the closed loop decided about one event (FCAPS event or KPM report) and one rule, or why nothing
 * was done: {@code outcome} is one of {@code intent_created}, {@code no_match}, {@code hysteresis},
 * {@code cooldown}, {@code deduplicated}, {@code correlated}, {@code stale}, {@code missing_data},
 * {@code at_max_replicas}, {@code at_min_replicas}, {@code condition_error}, {@code no_target} (the rule's
 * label selector or target matches no running CNF), {@code no_alternative} (a migration with no other eligible
 * cluster), {@code cleared} (an eventSeverity NORMAL clear no rule reading the severity considered).
 * {@code rule_id} is null when the decision concerns the event as a whole (stale data, no rule matched, a clear).
 */
@JsonNaming(SnakeCaseStrategy.class)
public record RuleDecisionView(
        long id,
        UUID eventId,
        String eventType,
        UUID ruleId,
        String ruleName,
        Integer ruleVersion,
        String outcome,
        String reason,
        String target,
        UUID intentId,
        Map<String, Object> details,
        Instant decidedAt) {}
