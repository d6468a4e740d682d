package dev.aiops.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aiops.events.*}.
 *
 * @param streamMaxLength approximate number of entries each stream keeps (the replay window)
 * @param instanceId consumer name within groups; defaults to service-pid-host, unique per replica
 * @param processedRetention how long the Redis ledger (services without a database) remembers ids
 */
@ConfigurationProperties(prefix = "aiops.events")
public record EventBusProperties(
        @DefaultValue("100000") long streamMaxLength,
        String instanceId,
        @DefaultValue("7d") Duration processedRetention) {}
