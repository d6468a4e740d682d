package dev.aiops.collector.kpm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One E2 KPM indication report as a RIC adapter or xApp posts it; measurements by their 3GPP TS 28.552
 * names ({@code DRB.RlcSduDelayDl}, {@code RRU.PrbTotDl}, {@code RRC.ConnMean}, ...).
 */
@JsonNaming(SnakeCaseStrategy.class)
public record KpmReportRequest(
        @NotBlank @Size(max = 256) String nodeId,
        @NotBlank @Size(max = 256) String cellId,
        @NotNull Instant timestamp,
        @Positive Long granularityPeriodMs,
        @NotEmpty Map<@NotBlank String, @NotNull Double> measurements) {}
