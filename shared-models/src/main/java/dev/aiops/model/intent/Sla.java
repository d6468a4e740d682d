package dev.aiops.model.intent;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Service-level targets of an intent; each is optional.
 *
 * @param availability percent, 0..100 (99.999 for "five nines")
 */
@JsonNaming(SnakeCaseStrategy.class)
public record Sla(
        @Positive Double bandwidthMbps,
        @Positive Double latencyMs,
        @Positive Long devices,
        @DecimalMin("0.0") @DecimalMax("100.0") Double availability) {}
