package dev.aiops.platform.error;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Turns a Java property path from Bean Validation ({@code endpoints.prometheusUrl}) into the name the
 * client actually sent ({@code endpoints.prometheus_url}), so {@code errors[].field} points at their
 * JSON. Only records that declare snake_case naming are translated; standard dialects stay as they are.
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

    private static boolean isSnakeCase(Class<?> type) {
        JsonNaming naming = type.getAnnotation(JsonNaming.class);
        return naming != null && naming.value() == PropertyNamingStrategies.SnakeCaseStrategy.class;
    }
}
