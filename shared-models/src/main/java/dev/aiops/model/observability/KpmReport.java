package dev.aiops.model.observability;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One E2 KPM aggregate for a cell over a 30 s window; also the payload of KPM_REPORT. Each measurement is
 * null when the node did not report it, and no data means no action. {@code counters} carries raw 3GPP
 * counters by their 3GPP names ({@code DRB.UEThpDl}, {@code RRU.PrbUsedDl}, ...).
 *
 * @param timestamp end of the aggregation window
 * @param prbUtilization fraction of physical resource blocks in use, 0..1
 */
@JsonNaming(SnakeCaseStrategy.class)
public record KpmReport(
        @NotBlank String nodeId,
        @NotBlank String cellId,
        @NotNull Instant timestamp,
        @PositiveOrZero Double p95LatencyMs,
        @DecimalMin("0.0") @DecimalMax("1.0") Double prbUtilization,
        @PositiveOrZero Integer ueCount,
        Map<String, Double> counters) {

    /** Reports older than this must never trigger scaling. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(90);

    public KpmReport {
        counters = counters == null ? Map.of() : Map.copyOf(counters);
    }

    /** Whether this report is too old to act on at {@code now}. */
    public boolean staleAt(Instant now) {
        return timestamp.plus(STALE_AFTER).isBefore(now);
    }
}
