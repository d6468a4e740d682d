package dev.aiops.collector.alert;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;

public class AlertNotFoundException extends ApiException {

    private AlertNotFoundException(String detail) {
        super(ErrorCode.ALERT_NOT_FOUND, detail);
    }

    public static AlertNotFoundException of(String fingerprint) {
        return new AlertNotFoundException("No alert with fingerprint " + fingerprint);
    }
}
