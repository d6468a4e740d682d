package dev.aiops.platform.events;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;

/** Subscribes to the pub/sub notification channels (live views; a lost message is tolerable). */
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final RedisMessageListenerContainer container;
    private final EventBus bus;

    Notifications(RedisMessageListenerContainer container, EventBus bus) {
        this.container = container;
        this.bus = bus;
    }

    public void subscribe(EventDomain domain, Consumer<EventEnvelope<JsonNode>> listener) {
        container.addMessageListener(
                (message, pattern) -> {
                    try {
                        listener.accept(bus.fromJson(new String(message.getBody(), StandardCharsets.UTF_8)));
                    } catch (RuntimeException e) {
                        log.warn("Notification on {} dropped: {}", domain.channel(), e.toString());
                    }
                },
                new ChannelTopic(domain.channel()));
    }
}
