package dev.aiops.model.cnf;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A closed-loop rule: when {@code condition} (a CEL expression over the event or report) holds, raise an
 * intent from {@code intent_template} asking for {@code action}.
 *
 * <p>{@code cooldown} is an ISO-8601 duration ({@code PT5M}), the form java.time and Jackson write; it
 * defaults to 5 minutes, the minimum for KPM rules, so a restart or a noisy cell cannot make a CNF
 * oscillate. {@code min_replicas}/{@code max_replicas} bound scale actions. {@code priority} (0..10, like
 * intents', default 5) orders rules that match the same input and becomes the raised intent's priority.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record Rule(
        @NotBlank @Size(max = 128) String name,
        @NotNull RuleSource source,
        @NotBlank @Size(max = 4096) String condition,
        @NotNull RuleAction action,
        @Min(0) @Max(10) Integer priority,
        Duration cooldown,
        @Min(0) Integer minReplicas,
        @Min(1) Integer maxReplicas,
        @Size(max = 2000) String intentTemplate) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(5);
    public static final Duration MIN_KPM_COOLDOWN = Duration.ofMinutes(5);
    public static final int DEFAULT_PRIORITY = 5;

    public Rule {
        priority = priority == null ? DEFAULT_PRIORITY : priority;
        cooldown = cooldown == null ? DEFAULT_COOLDOWN : cooldown;
    }

    @AssertTrue(message = "min_replicas must not exceed max_replicas")
    boolean isReplicaRangeValid() {
        return minReplicas == null || maxReplicas == null || minReplicas <= maxReplicas;
    }

    @AssertTrue(message = "cooldown must not be negative, and at least 5 minutes for kpm rules")
    boolean isCooldownValid() {
        if (cooldown.isNegative()) {
            return false;
        }
        return source != RuleSource.KPM || cooldown.compareTo(MIN_KPM_COOLDOWN) >= 0;
    }
}
