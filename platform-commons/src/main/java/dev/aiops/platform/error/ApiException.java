package dev.aiops.platform.error;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import java.util.List;
import java.util.Map;

/**
 * An error the caller can act on: its {@link ErrorCode} decides the HTTP status and {@code code}, its
 * message becomes the problem's {@code detail} and is therefore shown to the caller; never put
 * internals or secrets in it. Subclass it for errors thrown from several places, for example
 * {@code ClusterNotFoundException.of(id)}.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;
    private final Map<String, Object> properties;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public ApiException(ErrorCode code, String detail, List<FieldViolation> violations) {
        this(code, detail, violations, Map.of());
    }

    public ApiException(
            ErrorCode code, String detail, List<FieldViolation> violations, Map<String, Object> properties) {
        super(detail);
        this.code = code;
        this.violations = List.copyOf(violations);
        this.properties = Map.copyOf(properties);
    }

    /** A 400 for one invalid field, when the check cannot be expressed as a Bean Validation constraint. */
    public static ApiException invalidField(ErrorCode code, String field, String message) {
        return new ApiException(code, field + ": " + message, List.of(new FieldViolation(field, message)));
    }

    /** A VALIDATION_FAILED for several fields; the detail names the first. */
    public static ApiException validation(List<FieldViolation> violations) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, summary(violations), violations);
    }

    /** {@code field: message}, plus how many more, for a problem's {@code detail}. */
    public static String summary(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            return "The request is invalid";
        }
        FieldViolation first = violations.get(0);
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
        return first.field() + ": " + first.message() + more;
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Extra problem members, for example {@code current_version} on a version conflict. */
    public Map<String, Object> properties() {
        return properties;
    }
}
