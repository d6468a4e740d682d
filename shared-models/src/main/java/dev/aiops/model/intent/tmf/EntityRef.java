package dev.aiops.model.intent.tmf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * TMF reference to another resource (IntentSpecificationRef, PartyRef, IntentRef, ...);
 * {@code @referredType} names the kind of resource referred to.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntityRef(
        String id,
        String href,
        String name,
        String version,
        @JsonProperty("@type") String type,
        @JsonProperty("@referredType") String referredType) {}
