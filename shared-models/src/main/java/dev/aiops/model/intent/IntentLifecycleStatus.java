package dev.aiops.model.intent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an intent is in its life. TMF921 leaves {@code lifecycleStatus} free text; these are ours, in
 * TMF's camelCase on the wire for both the TMF921 and the platform API.
 */
public enum IntentLifecycleStatus {
    @JsonProperty("acknowledged")
    ACKNOWLEDGED,
    @JsonProperty("inProgress")
    IN_PROGRESS,
    @JsonProperty("completed")
    COMPLETED,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("cancelled")
    CANCELLED,
    @JsonProperty("degraded")
    DEGRADED
}
