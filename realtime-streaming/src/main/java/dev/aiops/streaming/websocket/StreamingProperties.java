package dev.aiops.streaming.websocket;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aiops.streaming.*}.
 *
 * @param allowedOriginPatterns origins whose pages may open the socket. Any, by default: the socket is
 *     authenticated by the token in its first message, never by cookies, so a foreign page gains nothing
 *     a token would not give it anyway.
 * @param maxMessageSize largest message a client may send
 * @param sendTimeLimit a client that takes longer to accept one message is treated as slow
 * @param sendBufferSize bytes queued for a slow client before its oldest messages are dropped
 */
@ConfigurationProperties(prefix = "aiops.streaming")
public record StreamingProperties(
        @DefaultValue("*") List<String> allowedOriginPatterns,
        @DefaultValue("64KB") DataSize maxMessageSize,
        @DefaultValue("1s") Duration sendTimeLimit,
        @DefaultValue("512KB") DataSize sendBufferSize) {}
