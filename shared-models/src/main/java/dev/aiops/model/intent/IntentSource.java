package dev.aiops.model.intent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who raised an intent: a person, the planner, or a closed-loop rule. */
public enum IntentSource {
    @JsonProperty("user")
    USER,
    @JsonProperty("planner")
    PLANNER,
    @JsonProperty("rule")
    RULE
}
