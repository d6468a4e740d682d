package dev.aiops.platform.events;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.StreamSubscription.StreamSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Creates stream subscriptions. Declare one as a bean so its lifecycle follows the context:
 *
 * <pre>{@code
 * @Bean
 * StreamSubscription clusterEvents(EventStreams streams, ClusterEventHandler handler) {
 *     return streams.subscribe(EventDomain.CLUSTER, "observability-collector", handler);
 * }
 * }</pre>
 */
public class EventStreams {

    private final StringRedisTemplate redis;
    private final EventBus bus;
    private final ProcessedEvents processed;
    private final String instanceId;
    private final MeterRegistry meters;

    EventStreams(
            StringRedisTemplate redis,
            EventBus bus,
            ProcessedEvents processed,
            String instanceId,
            MeterRegistry meters) {
        this.redis = redis;
        this.bus = bus;
        this.processed = processed;
        this.instanceId = instanceId;
        this.meters = meters;
    }

    public StreamSubscription subscribe(EventDomain domain, String group, EventHandler handler) {
        return subscribe(domain, group, handler, StreamSettings.defaults());
    }

    public StreamSubscription subscribe(
            EventDomain domain, String group, EventHandler handler, StreamSettings settings) {
        StreamSubscription subscription =
                new StreamSubscription(redis, bus, processed, domain, group, instanceId, handler, settings);
        if (meters != null) {
            // Entries delivered to the group and not yet acknowledged: the lag operators alert on.
            Gauge.builder("aiops.events.stream.pending", subscription, StreamSubscription::pendingCount)
                    .description("Entries delivered to this consumer group and not yet acknowledged")
                    .tag("stream", domain.stream())
                    .tag("group", group)
                    .strongReference(true)
                    .register(meters);
        }
        return subscription;
    }
}
