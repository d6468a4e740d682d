package dev.aiops.model.intent.tmf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiops.model.intent.IntentLifecycleStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;

/**
 * TMF921 v5 Intent, used both as the POST body (where {@code id}, {@code href} and the dates are set by
 * the server) and as the resource returned. {@code @type} is required ({@code Intent}). TMF leaves
 * {@code lifecycleStatus} free text; we accept and report only our {@link IntentLifecycleStatus} values.
 * {@code priority} is a string in TMF921.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Intent(
        String id,
        String href,
        String name,
        String description,
        String version,
        Instant creationDate,
        Instant lastUpdate,
        Instant statusChangeDate,
        IntentLifecycleStatus lifecycleStatus,
        @Valid TimePeriod validFor,
        Boolean isBundle,
        String priority,
        String context,
        @Valid IntentExpression expression,
        @Valid EntityRef intentSpecification,
        List<@Valid Characteristic> characteristic,
        List<@Valid RelatedParty> relatedParty,
        @JsonProperty("@type") @NotBlank String type,
        @JsonProperty("@baseType") String baseType,
        @JsonProperty("@schemaLocation") String schemaLocation) {

    public static final String TYPE = "Intent";

    public Intent {
        characteristic = characteristic == null ? List.of() : List.copyOf(characteristic);
        relatedParty = relatedParty == null ? List.of() : List.copyOf(relatedParty);
    }
}
