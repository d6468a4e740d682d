package dev.aiops.platform.error;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Turns a Java property path from Bean Validation ({@code endpoints.prometheusUrl}) into the name the
 * client actually sent ({@code endpoints.prometheus_url}), so {@code errors[].field} points at their
 * JSON. Only records that declare snake_case naming are translated; standard dialects stay as they are.
 * Map keys are the client's own data and are kept verbatim ({@code labels.site}, not {@code labels[site]}).
 */
final class JsonFieldPaths {

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private JsonFieldPaths() {}

    static String toJson(Class<?> rootType, String javaPath) {
        if (rootType == null || javaPath == null || !isSnakeCase(rootType)) {
            return javaPath;
        }
        Matcher matcher = CAMEL_HUMP.matcher(javaPath);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    out, matcher.group(1) + "_" + matcher.group(2).toLowerCase());
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * The JSON name of a violation, from its property path node by node: property names translated as
     * above, list elements as {@code items[0]}, map entries (key or value) as {@code labels.<key>} with the
     * key verbatim ({@code labels} alone when the key itself is blank), method and parameter nodes of
     * method validation dropped.
     */
    static String toJson(ConstraintViolation<?> violation) {
        boolean snake = violation.getRootBeanClass() != null && isSnakeCase(violation.getRootBeanClass());
        StringBuilder out = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> {
                    continue;
                }
                default -> {}
            }
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null && !node.getKey().toString().isEmpty()) {
                    out.append('.').append(node.getKey());
                }
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(snake ? toJson(violation.getRootBeanClass(), name) : name);
            }
        }
        return out.toString();
    }

    private static boolean isSnakeCase(Class<?> type) {
        JsonNaming naming = type.getAnnotation(JsonNaming.class);
        return naming != null && naming.value() == PropertyNamingStrategies.SnakeCaseStrategy.class;
    }
}
