package dev.aiops.model.cnf;

import jakarta.validation.Valid;
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
 * intent from {@code intent_template} asking for {@code action} on {@code target}.
 *
 * <p>{@code cooldown} is an ISO-8601 duration ({@code PT5M}), the form java.time and Jackson write; it
 * defaults to 5 minutes, the minimum for KPM rules, so a restart or a noisy cell cannot make a CNF
 * oscillate. {@code min_replicas}/{@code max_replicas} bound scale actions ({@code min < max}).
 * {@code priority} (0..10, like intents', default 5) orders rules that match the same input and becomes
 * the raised intent's priority. {@code consecutive_windows} (KPM rules, default 3) is how many 30 s
 * windows in a row the condition must hold before the rule acts: the hysteresis against oscillation, with
 * a scale-in rule using its own lower mark. {@code intent_template} may name event fields and metric
 * values in braces ({@code {faultFields.alarmCondition}}, {@code {kpm.prb_utilization}}). A rule is
 * disabled unless {@code enabled} says otherwise.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record Rule(
        @NotBlank @Size(max = 128) String name,
        @NotNull RuleSource source,
        @NotBlank @Size(max = 4096) String condition,
        @NotNull RuleAction action,
        @Valid RuleTarget target,
        @Min(0) @Max(10) Integer priority,
        Duration cooldown,
        @Min(0) Integer minReplicas,
        @Min(1) Integer maxReplicas,
        @Min(1) @Max(100) Integer consecutiveWindows,
        @Size(max = 2000) String intentTemplate,
        Boolean enabled) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(5);
    public static final Duration MIN_KPM_COOLDOWN = Duration.ofMinutes(5);
    public static final int DEFAULT_PRIORITY = 5;
    public static final int DEFAULT_CONSECUTIVE_WINDOWS = 3;

    public Rule {
        priority = priority == null ? DEFAULT_PRIORITY : priority;
        cooldown = cooldown == null ? DEFAULT_COOLDOWN : cooldown;
        target = target == null ? RuleTarget.NONE : target;
        consecutiveWindows = consecutiveWindows == null
                ? (source == RuleSource.KPM ? DEFAULT_CONSECUTIVE_WINDOWS : 1)
                : consecutiveWindows;
        enabled = enabled != null && enabled;
    }

    /** A rule without a target or hysteresis setting, disabled: the form of the original contract. */
    public Rule(
            String name,
            RuleSource source,
            String condition,
            RuleAction action,
            Integer priority,
            Duration cooldown,
            Integer minReplicas,
            Integer maxReplicas,
            String intentTemplate) {
        this(
                name,
                source,
                condition,
                action,
                null,
                priority,
                cooldown,
                minReplicas,
                maxReplicas,
                null,
                intentTemplate,
                false);
    }

    @AssertTrue(message = "max_replicas must be greater than min_replicas")
    boolean isMaxReplicas() {
        return minReplicas == null || maxReplicas == null || minReplicas < maxReplicas;
    }

    @AssertTrue(message = "cooldown must not be negative, and at least 5 minutes for kpm rules")
    boolean isCooldown() {
        if (cooldown.isNegative()) {
            return false;
        }
        return source != RuleSource.KPM || cooldown.compareTo(MIN_KPM_COOLDOWN) >= 0;
    }

    @AssertTrue(message = "scale_out and scale_in need target.function")
    boolean isTarget() {
        boolean scaling = action == RuleAction.SCALE_OUT || action == RuleAction.SCALE_IN;
        return !scaling || (target.function() != null && !target.function().isBlank());
    }
}
