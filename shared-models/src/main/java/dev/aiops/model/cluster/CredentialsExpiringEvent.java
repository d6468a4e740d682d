package dev.aiops.model.cluster;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Payload of CLUSTER_CREDENTIALS_EXPIRING: sent once when a cluster's credentials come within the
 * warning window (7 days by default), or once when they are found already expired.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record CredentialsExpiringEvent(UUID clusterId, String clusterName, Instant expiresAt, boolean expired) {}
