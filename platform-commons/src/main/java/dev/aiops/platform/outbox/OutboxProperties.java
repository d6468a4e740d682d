package dev.aiops.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aiops.outbox.*}.
 *
 * @param pollInterval how often the relay looks for rows it was not woken up for (other replicas'
 *     commits, rows left by a Redis outage)
 * @param retention how long published rows stay for inspection
 * @param processedRetention how long consumers remember handled event ids; must exceed any redelivery
 */
@ConfigurationProperties(prefix = "aiops.outbox")
public record OutboxProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("1d") Duration retention,
        @DefaultValue("7d") Duration processedRetention) {}
