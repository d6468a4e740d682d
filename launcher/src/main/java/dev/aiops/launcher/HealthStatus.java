package dev.aiops.launcher;

import java.util.Optional;

/**
 * Reads the top-level {@code status} of a Spring Boot {@code /actuator/health} response without a JSON
 * library: a small scanner that skips strings and only looks at keys of the outermost object, so a
 * component's {@code "status":"UP"} never counts for the whole service.
 */
public final class HealthStatus {

    private HealthStatus() {}

    public static boolean isUp(String body) {
        return topLevelStatus(body).map("UP"::equals).orElse(false);
    }

    public static Optional<String> topLevelStatus(String body) {
        if (body == null) {
            return Optional.empty();
        }
        int depth = 0;
        boolean expectKey = false;
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (c == '"') {
                int end = endOfString(body, i);
                if (end < 0) {
                    return Optional.empty();
                }
                if (depth == 1 && expectKey) {
                    String key = body.substring(i + 1, end);
                    int j = skipWhitespace(body, end + 1);
                    if (j < n && body.charAt(j) == ':') {
                        j = skipWhitespace(body, j + 1);
                        if ("status".equals(key) && j < n && body.charAt(j) == '"') {
                            int valueEnd = endOfString(body, j);
                            return valueEnd < 0 ? Optional.empty() : Optional.of(body.substring(j + 1, valueEnd));
                        }
                        expectKey = false;
                        i = j;
                        continue;
                    }
                }
                expectKey = false;
                i = end + 1;
                continue;
            }
            switch (c) {
                case '{' -> {
                    depth++;
                    expectKey = depth == 1;
                }
                case '[' -> depth++;
                case '}', ']' -> depth--;
                case ',' -> expectKey = depth == 1;
                default -> {}
            }
            i++;
        }
        return Optional.empty();
    }

    /** Index of the closing quote of the string opening at {@code start}, or -1. */
    private static int endOfString(String s, int start) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
