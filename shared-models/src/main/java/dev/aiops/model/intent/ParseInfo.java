package dev.aiops.model.intent;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** How an intent was parsed and how sure the parser is (0..1). */
@JsonNaming(SnakeCaseStrategy.class)
public record ParseInfo(
        @NotNull ParseMethod method,
        @DecimalMin("0.0") @DecimalMax("1.0") double confidence) {}
