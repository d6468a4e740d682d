package dev.aiops.intent.intent;

import dev.aiops.platform.outbound.UrlGuardProperties;
import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TMF921 hub notifications ({@code aiops.intent.hub.*}): how often the relay looks for due deliveries, the
 * exponential backoff after a failed one, the listener call's timeouts, and the URL guard every callback
 * goes through (the platform's, with its production defaults: loopback refused unless {@code
 * url-guard.allow-loopback} is set, which only the tests do). There is no give-up: a notification is
 * retried, at most {@code maxBackoff} apart, until its listener accepts it or its subscription is deleted.
 *
 * @param leaseTime how long a claimed delivery is hidden from other relays while its call is in flight; a
 *     relay that dies mid-call delays the notification by this much, it does not lose it (a relay that stops
 *     hands its calls back at once)
 */
@ConfigurationProperties(prefix = "aiops.intent.hub")
record HubProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("30s") Duration leaseTime,
        @DefaultValue("50") int batchSize,
        @Valid @DefaultValue UrlGuardProperties urlGuard) {

    /** The wait before attempt {@code attempts + 1}: initial × 2^(attempts − 1), capped. */
    Duration backoff(int attempts) {
        long millis = initialBackoff.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
