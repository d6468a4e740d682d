package dev.aiops.streaming.websocket;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aiops.streaming.*}.
 *
 * @param allowedOriginPatterns origins whose pages may open the socket. None by default, which allows
 *     same-origin pages and clients that send no Origin (non-browser); set the dashboard's origin.
 * @param maxMessageSize largest message a client may send
 * @param authTimeout a socket that has not authenticated by then is closed with AUTH_FAILED
 * @param queueCapacity messages waiting for one client; when full the oldest is dropped (and counted)
 * @param slowAfter a client whose oldest waiting message is older than this is flagged slow
 * @param disconnectSlowAfter a client flagged slow for this long is disconnected, told to come back after
 *     {@code reconnectAfter}
 * @param pingInterval server-side WebSocket ping; a peer that has not answered (any frame) within
 *     {@code pingInterval + pongTimeout} is closed as dead
 * @param history how much the Redis history keeps for recovery after a reconnect
 */
@ConfigurationProperties(prefix = "aiops.streaming")
public record StreamingProperties(
        @DefaultValue List<String> allowedOriginPatterns,
        @DefaultValue("64KB") DataSize maxMessageSize,
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("100") int queueCapacity,
        @DefaultValue("1s") Duration slowAfter,
        @DefaultValue("5s") Duration disconnectSlowAfter,
        @DefaultValue("5s") Duration reconnectAfter,
        @DefaultValue("30s") Duration pingInterval,
        @DefaultValue("10s") Duration pongTimeout,
        @DefaultValue History history) {

    /**
     * @param maxLength entries kept at most (approximately: Redis trims in whole nodes)
     * @param maxAge entries older than this are dropped
     */
    public record History(
            @DefaultValue("10000") long maxLength,
            @DefaultValue("10m") Duration maxAge,
            @DefaultValue("aiops:ws:history") String key) {}
}
