package dev.aiops.model.error;

/**
 * One invalid input, as listed in a problem's {@code errors[]}. {@code field} is the JSON path of the
 * offending value as the client sent it (for example {@code endpoints.prometheus_url}).
 */
public record FieldViolation(String field, String message) {}
