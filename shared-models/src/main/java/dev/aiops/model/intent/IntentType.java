package dev.aiops.model.intent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an intent asks for. Wire values are lowercase, as the intent contract defines them. */
public enum IntentType {
    @JsonProperty("deployment")
    DEPLOYMENT,
    @JsonProperty("scaling")
    SCALING,
    @JsonProperty("configuration")
    CONFIGURATION,
    @JsonProperty("optimization")
    OPTIMIZATION,
    @JsonProperty("healing")
    HEALING
}
