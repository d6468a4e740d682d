package dev.aiops.model.intent.tmf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** TMF921 IntentReport: how an intent is doing, expressed like the intent itself. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntentReport(
        String id,
        String href,
        String name,
        String description,
        Instant creationDate,
        IntentExpression expression,
        EntityRef intent,
        @JsonProperty("@type") String type) {

    public static final String TYPE = "IntentReport";
}
