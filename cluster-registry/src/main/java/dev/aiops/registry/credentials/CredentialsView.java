package dev.aiops.registry.credentials;

import dev.aiops.model.cluster.AuthType;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** What may be said about stored credentials: everything except the secrets. */
@JsonNaming(SnakeCaseStrategy.class)
public record CredentialsView(
        UUID clusterId,
        AuthType authType,
        String keyId,
        Instant expiresAt,
        boolean expiring,
        Instant validatedAt,
        Instant createdAt,
        Instant updatedAt) {}
