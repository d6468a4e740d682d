package dev.aiops.registry.credentials;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** The API server accepted the stored credentials, and as whom. */
@JsonNaming(SnakeCaseStrategy.class)
public record ValidationResult(
        UUID clusterId, boolean valid, String username, List<String> groups, String method, Instant validatedAt) {}
