package dev.aiops.intent.intent;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import java.util.UUID;

public class IntentNotFoundException extends ApiException {

    private IntentNotFoundException(String detail) {
        super(ErrorCode.INTENT_NOT_FOUND, detail);
    }

    public static IntentNotFoundException of(UUID id) {
        return new IntentNotFoundException("No intent with id " + id);
    }
}
