package dev.aiops.model.intent.tmf;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;

/**
 * TMF hub registration ({@code POST /hub}): events are POSTed to {@code callback}. {@code query} optionally
 * narrows them, such as {@code eventType=IntentStatusChangeEvent}. {@code id} is set by the server.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventSubscription(String id, @NotBlank String callback, String query) {}
