package dev.aiops.model.intent.tmf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/** TMF Characteristic: a name/value pair; {@code value} is any JSON value. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Characteristic(
        String id,
        @NotBlank String name,
        String valueType,
        Object value,
        String unitOfMeasure,
        @JsonProperty("@type") String type) {}
