package dev.aiops.registry.config;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.error.ApiException;
import java.util.List;
import java.util.Locale;

/** Small helpers for checks on query parameters and headers that Bean Validation cannot express. */
public final class Requests {

    private Requests() {}

    public static ApiException invalid(List<FieldViolation> violations) {
        return ApiException.validation(violations);
    }

    public static ApiException invalid(String field, String message) {
        return ApiException.invalidField(ErrorCode.VALIDATION_FAILED, field, message);
    }

    /** Parses an enum query parameter case-insensitively, naming the parameter when it is wrong. */
    public static <E extends Enum<E>> E enumParam(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public static Boolean booleanParam(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(field, "must be true or false");
        };
    }
}
