package dev.aiops.model.intent;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An intent in structured form, whether parsed from text or raised by the planner or a rule.
 * {@code cnf_functions} is open-ended (AMF, SMF, UPF, O-DU, O-CU-CP, O-CU-UP, Near-RT-RIC, ...).
 * {@code priority} runs 0..10, higher first, default 5; {@code source} defaults to user. {@code parse} is
 * null when the intent did not come from text. {@code replicas_delta} asks for a change relative to what
 * runs ("scale out by 2"), where {@code replicas} is an absolute count; {@code region} targets every site of
 * a region (us-west, eu-central-1) instead of named sites. Both are omitted from JSON when absent.
 * {@code relocate} (healing intents, omitted when absent) heals by moving: each named CNF is planned onto
 * another eligible cluster and the old one terminated once the new one is Active (a rule's migrate action).
 */
@JsonNaming(SnakeCaseStrategy.class)
public record StructuredIntent(
        @NotNull IntentType intentType,
        ServiceType serviceType,
        List<@NotBlank @Size(max = 63) String> targetSites,
        List<@NotBlank @Size(max = 63) String> cnfFunctions,
        @Min(0) Integer replicas,
        @Valid Sla sla,
        IntentSource source,
        @Size(max = 128) String correlationId,
        @Min(0) @Max(10) Integer priority,
        @Valid ParseInfo parse,

        @JsonInclude(JsonInclude.Include.NON_NULL) @Min(-100) @Max(100)
        Integer replicasDelta,

        @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = 63)
        String region,

        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean relocate) {

    public static final int DEFAULT_PRIORITY = 5;

    /** An intent without a relative replica change or a region, the form most callers build. */
    public StructuredIntent(
            IntentType intentType,
            ServiceType serviceType,
            List<String> targetSites,
            List<String> cnfFunctions,
            Integer replicas,
            Sla sla,
            IntentSource source,
            String correlationId,
            Integer priority,
            ParseInfo parse) {
        this(
                intentType,
                serviceType,
                targetSites,
                cnfFunctions,
                replicas,
                sla,
                source,
                correlationId,
                priority,
                parse,
                null,
                null,
                null);
    }

    /** An intent that does not relocate CNFs, the form of every intent but a migration. */
    public StructuredIntent(
            IntentType intentType,
            ServiceType serviceType,
            List<String> targetSites,
            List<String> cnfFunctions,
            Integer replicas,
            Sla sla,
            IntentSource source,
            String correlationId,
            Integer priority,
            ParseInfo parse,
            Integer replicasDelta,
            String region) {
        this(
                intentType,
                serviceType,
                targetSites,
                cnfFunctions,
                replicas,
                sla,
                source,
                correlationId,
                priority,
                parse,
                replicasDelta,
                region,
                null);
    }

    /** Whether this healing intent moves its CNFs to other clusters. */
    public boolean relocates() {
        return intentType == IntentType.HEALING && Boolean.TRUE.equals(relocate);
    }

    public StructuredIntent {
        targetSites = targetSites == null ? List.of() : List.copyOf(targetSites);
        cnfFunctions = cnfFunctions == null ? List.of() : List.copyOf(cnfFunctions);
        source = source == null ? IntentSource.USER : source;
        priority = priority == null ? DEFAULT_PRIORITY : priority;
    }
}
