package dev.aiops.model.cnf;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A deployed (or deploying) network function as the platform API returns it.
 *
 * @param function the network function, open-ended like intents' {@code cnf_functions} (UPF, AMF, O-DU, ...)
 * @param intentId the intent that created or last changed it
 * @param packageName the kpt package deploying it; {@code package_revision} is the Porch revision
 * @param lastErrorKind null unless {@code last_error} is set
 */
@JsonNaming(SnakeCaseStrategy.class)
public record CnfView(
        UUID id,
        String name,
        String function,
        UUID clusterId,
        String site,
        String namespace,
        CnfState state,
        Integer replicas,
        UUID intentId,
        String packageName,
        Integer packageRevision,
        String lastError,
        CnfErrorKind lastErrorKind,
        Instant createdAt,
        Instant updatedAt) {}
