package dev.aiops.model.cnf;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A closed-loop rule as the platform API returns it: the rule itself, its {@code version} (1 on creation,
 * +1 on every change; earlier versions stay readable in its history) and who changed it last.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record RuleView(
        UUID id, int version, Rule rule, boolean deleted, String updatedBy, Instant createdAt, Instant updatedAt) {}
