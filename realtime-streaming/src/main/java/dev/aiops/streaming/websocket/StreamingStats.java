package dev.aiops.streaming.websocket;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * This replica's view: sockets open, of which authenticated, of which subscribed to at least one event
 * type; events read from the history and event messages sent since start; messages dropped for full
 * queues; subscribes with {@code since} that recovered or could not; clients flagged slow now and
 * disconnected for staying slow since start; and the
 * history position this replica has delivered up to.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record StreamingStats(
        long connectedClients,
        long authenticatedClients,
        long subscriptions,
        long eventsReceived,
        long eventsForwarded,
        long messagesDropped,
        long recoveries,
        long failedRecoveries,
        long slowClients,
        long slowDisconnects,
        String epoch,
        long offset) {}
