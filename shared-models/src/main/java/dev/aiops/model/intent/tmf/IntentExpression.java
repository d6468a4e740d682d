package dev.aiops.model.intent.tmf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * TMF Expression. {@code @type} names the subtype: {@code JsonLdExpression} carries a JSON object as
 * {@code expressionValue}, {@code TurtleExpression} a Turtle string, so the value is kept as any JSON value.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntentExpression(
        @JsonProperty("@type") @NotBlank String type,
        Object expressionValue,
        String expressionLanguage,
        String iri,
        @JsonProperty("@baseType") String baseType,
        @JsonProperty("@schemaLocation") String schemaLocation) {

    public static final String JSON_LD = "JsonLdExpression";
    public static final String TURTLE = "TurtleExpression";
}
