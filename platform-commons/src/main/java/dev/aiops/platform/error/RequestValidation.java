package dev.aiops.platform.error;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bean Validation that a service runs itself rather than through {@code @Valid} on the controller:
 * when the check must come after authorization or inside the transaction that acts on the request.
 * The problem is the one {@link ServletProblemHandler} gives an invalid {@code @Valid} body: 400,
 * {@code errors[]} sorted by the JSON names the client sent (see {@link JsonFieldPaths}).
 *
 * <p>A contract may give one field its own error code (the registry answers INVALID_CLUSTER_NAME for
 * a bad {@code name}, not VALIDATION_FAILED): pass it in {@code codes}; when that field is among the
 * violations the problem takes its code and names that field in the detail, and still lists every
 * violation.
 */
public final class RequestValidation {

    private final Validator validator;

    public RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /** Throws 400 VALIDATION_FAILED naming every invalid field, or returns. */
    public void check(Object request) {
        check(request, Map.of());
    }

    /**
     * As {@link #check(Object)}, with the codes some fields answer with (JSON field name to code; the
     * first of them, in the map's order, that has a violation decides).
     */
    public void check(Object request, Map<String, ErrorCode> codes) {
        List<FieldViolation> violations = violations(validator.validate(request));
        if (violations.isEmpty()) {
            return;
        }
        for (Map.Entry<String, ErrorCode> coded : codes.entrySet()) {
            Optional<FieldViolation> first = violations.stream()
                    .filter(v -> v.field().equals(coded.getKey()))
                    .findFirst();
            if (first.isPresent()) {
                throw new ApiException(
                        coded.getValue(),
                        first.get().field() + ": " + first.get().message(),
                        violations);
            }
        }
        throw ApiException.validation(violations);
    }

    /** The violations as clients see them: JSON names, sorted by field. */
    public static List<FieldViolation> violations(Collection<? extends ConstraintViolation<?>> found) {
        return found.stream()
                .map(v -> new FieldViolation(JsonFieldPaths.toJson(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
    }
}
