package dev.aiops.model.intelligence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A conversation. It expires 24 h after its last activity and at most 7 days after creation, and holds
 * at most 100 messages. {@code cluster_context} lists the ids of the clusters the conversation is about.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ChatSession(
        UUID id,
        String userId,
        String title,
        String personaId,
        List<UUID> clusterContext,
        int messageCount,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt) {

    public static final Duration IDLE_TIMEOUT = Duration.ofHours(24);
    public static final Duration MAX_AGE = Duration.ofDays(7);
    public static final int MAX_MESSAGES = 100;

    public ChatSession {
        clusterContext = clusterContext == null ? List.of() : List.copyOf(clusterContext);
    }

    /** When a session created at {@code createdAt} and last active at {@code lastActivity} expires. */
    public static Instant expiryOf(Instant createdAt, Instant lastActivity) {
        Instant idle = lastActivity.plus(IDLE_TIMEOUT);
        Instant cap = createdAt.plus(MAX_AGE);
        return idle.isBefore(cap) ? idle : cap;
    }
}
