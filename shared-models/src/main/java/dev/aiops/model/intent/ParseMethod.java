package dev.aiops.model.intent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How free text became a structured intent: by the language model or by the template rules. */
public enum ParseMethod {
    @JsonProperty("llm")
    LLM,
    @JsonProperty("rules")
    RULES
}
