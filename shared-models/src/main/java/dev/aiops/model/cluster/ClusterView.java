package dev.aiops.model.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A registered cluster as the API returns it. Credentials never appear here; {@code version} is the
 * optimistic-locking version that an update must echo (also sent as the ETag).
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ClusterView(
        UUID id,
        String name,
        String displayName,
        String apiServerUrl,
        ClusterType clusterType,
        Platform platform,
        String platformVersion,
        String region,
        Environment environment,
        ClusterStatus status,
        ClusterCapabilities capabilities,
        ClusterEndpoints endpoints,
        Map<String, String> labels,
        boolean hasCredentials,
        Instant credentialsExpiresAt,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant lastSeenAt) {}
