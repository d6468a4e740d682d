package dev.aiops.intent.intent;

import dev.aiops.platform.outbound.UrlGuardProperties;
import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TMF921 hub notifications ({@code aiops.intent.hub.*}): how often the relay looks for due deliveries, the
 * exponential backoff after a failed one, the listener call's timeouts, when an undeliverable notification
 * is given up, and the URL guard every callback goes through (the platform's, with its production defaults:
 * loopback refused unless {@code url-guard.allow-loopback} is set, which only the tests
 * do).
 *
 * @param leaseTime how long a claimed delivery is hidden from other relays while its call is in flight; a
 *     relay that dies mid-call delays the notification by this much, it does not lose it
 * @param giveUpAfter a notification still undelivered this long after the change is dropped (logged and
 *     counted); until then it is retried, and the later notifications of the same intent wait behind it
 */
@ConfigurationProperties(prefix = "aiops.intent.hub")
record HubProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("30s") Duration leaseTime,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("50") int batchSize,
        @Valid @DefaultValue UrlGuardProperties urlGuard) {

    /** The wait before attempt {@code attempts + 1}: initial × 2^(attempts − 1), capped. */
    Duration backoff(int attempts) {
        long millis = initialBackoff.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
