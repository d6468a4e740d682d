package dev.aiops.model.intent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/intents}: an intent in plain words, such as "Deploy eMBB on edge-01 with 500 Mbps". */
public record IntentRequest(
        @NotBlank @Size(max = MAX_TEXT_LENGTH) String text) {

    public static final int MAX_TEXT_LENGTH = 2000;
}
