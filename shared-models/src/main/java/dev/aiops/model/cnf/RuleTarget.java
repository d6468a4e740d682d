package dev.aiops.model.cnf;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a rule acts on: a network function ({@code UPF}), optionally on one site, optionally narrowed by the
 * CNFs' labels: {@code labels} (each must equal) and {@code selector}, a Kubernetes label selector string
 * ({@code app=upf,tier in (edge),!canary}). With labels or a selector the rule acts on the running CNFs they
 * match; the raised intent names their functions and sites. Cooldowns are kept per target.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record RuleTarget(
        @Size(max = 63) String function,
        @Size(max = 63) String site,
        Map<String, String> labels,

        @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = 1024)
        String selector) {

    public static final RuleTarget NONE = new RuleTarget(null, null, Map.of(), null);

    public RuleTarget {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        selector = selector == null || selector.isBlank() ? null : selector.strip();
    }

    /** A target without a selector string, the original form. */
    public RuleTarget(String function, String site, Map<String, String> labels) {
        this(function, site, labels, null);
    }

    /** Whether the rule picks its CNFs by label. */
    public boolean selectsByLabel() {
        return selector != null || !labels.isEmpty();
    }
}
