package dev.aiops.model;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;

/** Bean Validation as the services run it: Hibernate Validator with the default configuration. */
public final class ValidationSupport {

    @SuppressWarnings("resource") // one factory for the whole test JVM
    public static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private ValidationSupport() {}

    /** The property paths of every violation, sorted, such as {@code endpoints.prometheusUrl}. */
    public static List<String> violatedPaths(Object value) {
        return VALIDATOR.validate(value).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .sorted()
                .toList();
    }
}
