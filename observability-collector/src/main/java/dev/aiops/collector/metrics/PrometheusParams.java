package dev.aiops.collector.metrics;

import dev.aiops.collector.metrics.FederationException.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Time and duration parameters as Prometheus' HTTP API reads them. */
final class PrometheusParams {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    private static final Pattern WHOLE_DURATION = Pattern.compile("^((\\d+)(ms|s|m|h|d|w|y))+$");

    private PrometheusParams() {}

    /** Unix seconds with optional fraction, or RFC 3339; null when absent. */
    static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number: RFC 3339
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new FederationException(
                    Reason.BAD_QUERY,
                    field,
                    "invalid parameter \"" + field + "\": cannot parse \"" + value + "\" to a valid timestamp");
        }
    }

    /** Seconds with optional fraction, or a Prometheus duration such as {@code 1h30m}; null when absent. */
    static Duration duration(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            return Duration.ofMillis(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number: a duration
        }
        if (!WHOLE_DURATION.matcher(value).matches()) {
            throw new FederationException(
                    Reason.BAD_QUERY,
                    field,
                    "invalid parameter \"" + field + "\": cannot parse \"" + value + "\" to a valid duration");
        }
        Duration total = Duration.ZERO;
        Matcher m = DURATION.matcher(value);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        case "d" -> Duration.ofDays(n);
                        case "w" -> Duration.ofDays(7 * n);
                        default -> Duration.ofDays(365 * n);
                    });
        }
        return total;
    }

    /** {@code partial_response}: {@code warn} (default) or {@code abort}; Thanos' true/false also accepted. */
    static boolean abortOnPartial(String value) {
        if (value == null || value.isBlank() || value.equals("warn") || value.equals("true")) {
            return false;
        }
        if (value.equals("abort") || value.equals("false")) {
            return true;
        }
        throw new FederationException(Reason.BAD_QUERY, "partial_response", "partial_response must be warn or abort");
    }

    /** {@code Cache-Control: no-cache} (or no-store) asks for a fresh answer. */
    static boolean noCache(String cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        String value = cacheControl.toLowerCase(java.util.Locale.ROOT);
        return value.contains("no-cache") || value.contains("no-store");
    }
}
