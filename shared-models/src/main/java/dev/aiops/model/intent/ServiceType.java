package dev.aiops.model.intent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** 5G service class, spelled on the wire as 3GPP does: {@code eMBB}, {@code URLLC}, {@code mMTC}. */
public enum ServiceType {
    @JsonProperty("eMBB")
    EMBB,
    @JsonProperty("URLLC")
    URLLC,
    @JsonProperty("mMTC")
    MMTC
}
