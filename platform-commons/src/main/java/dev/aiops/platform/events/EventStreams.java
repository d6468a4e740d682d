package dev.aiops.platform.events;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.StreamSubscription.StreamSettings;
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

    EventStreams(StringRedisTemplate redis, EventBus bus, ProcessedEvents processed, String instanceId) {
        this.redis = redis;
        this.bus = bus;
        this.processed = processed;
        this.instanceId = instanceId;
    }

    public StreamSubscription subscribe(EventDomain domain, String group, EventHandler handler) {
        return subscribe(domain, group, handler, StreamSettings.defaults());
    }

    public StreamSubscription subscribe(
            EventDomain domain, String group, EventHandler handler, StreamSettings settings) {
        return new StreamSubscription(redis, bus, processed, domain, group, instanceId, handler, settings);
    }
}
