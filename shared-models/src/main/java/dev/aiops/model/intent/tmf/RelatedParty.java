package dev.aiops.model.intent.tmf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** TMF v5 RelatedPartyRefOrPartyRoleRef: a party (or party role) and the role it plays for the intent. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RelatedParty(
        String role,
        EntityRef partyOrPartyRole,
        @JsonProperty("@type") String type) {

    public static final String TYPE = "RelatedPartyRefOrPartyRoleRef";
}
