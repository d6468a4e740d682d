package dev.aiops.model.cnf;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What feeds a closed-loop rule: VES FCAPS events or E2 KPM reports. Lowercase on the wire, as in the rules contract. */
public enum RuleSource {
    @JsonProperty("fcaps")
    FCAPS,
    @JsonProperty("kpm")
    KPM
}
