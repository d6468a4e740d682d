package dev.aiops.model.cnf;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a closed-loop rule asks for when its condition holds. Lowercase on the wire, as in the rules contract. */
public enum RuleAction {
    @JsonProperty("scale_out")
    SCALE_OUT,
    @JsonProperty("scale_in")
    SCALE_IN,
    @JsonProperty("migrate")
    MIGRATE,
    @JsonProperty("heal")
    HEAL
}
