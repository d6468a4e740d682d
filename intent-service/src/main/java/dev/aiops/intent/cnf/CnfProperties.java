package dev.aiops.intent.cnf;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CNF worker: how often it looks for due work, and the exponential backoff of transient errors
 * (porch-adapter down or slow) before a deployment is given up as failed, and how many threads work CNFs
 * in parallel.
 */
@ConfigurationProperties(prefix = "aiops.intent.cnf")
record CnfProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("500ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("4") int workers) {

    Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
