package dev.aiops.streaming.websocket;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * This replica's view: sockets open, of which authenticated, of which subscribed to at least one event
 * type; events received from Redis and messages forwarded to clients since start.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record StreamingStats(
        long connectedClients,
        long authenticatedClients,
        long subscriptions,
        long eventsReceived,
        long eventsForwarded) {}
