package dev.aiops.model.cnf;

import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a rule acts on: a network function ({@code UPF}), optionally on one site, optionally narrowed by
 * labels. The raised intent names the function and the site; cooldowns are kept per target.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record RuleTarget(
        @Size(max = 63) String function, @Size(max = 63) String site, Map<String, String> labels) {

    public static final RuleTarget NONE = new RuleTarget(null, null, Map.of());

    public RuleTarget {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
