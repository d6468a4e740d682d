package dev.aiops.model.observability;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One sample in Prometheus' own shape, a two-element array {@code [1768467600.5, "42.5"]}: Unix time in
 * seconds with up to millisecond fraction, and the value as a string so NaN and ±Inf survive JSON. The time
 * is a BigDecimal so it is written exactly as Prometheus writes it (a double would become
 * {@code 1.7684676005E9}).
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"timestamp", "value"})
public record MetricSample(BigDecimal timestamp, String value) {

    public static MetricSample of(Instant time, String value) {
        BigDecimal seconds = BigDecimal.valueOf(time.toEpochMilli(), 3).stripTrailingZeros();
        // stripTrailingZeros turns whole seconds into 1.7684676E+9; keep them plain
        return new MetricSample(seconds.scale() < 0 ? seconds.setScale(0) : seconds, value);
    }

    /** The sample time, to the millisecond. */
    public Instant time() {
        return Instant.ofEpochMilli(timestamp.movePointRight(3).longValue());
    }

    /** The value as a number, including Prometheus' {@code NaN}, {@code +Inf} and {@code -Inf}. */
    public double numericValue() {
        return switch (value) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value); // Java reads NaN itself
        };
    }
}
