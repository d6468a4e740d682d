package dev.aiops.intent.closedloop;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.platform.events.EventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * FCAPS events from the collector's VES listener: the trigger of the closed loop, whose rules (CEL
 * conditions, dedup, cooldown) arrive in a later issue. For now it only records what arrives.
 */
@Component
class FcapsTriggers implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(FcapsTriggers.class);

    private final Counter received;

    FcapsTriggers(MeterRegistry meters) {
        this.received = Counter.builder("aiops.intent.fcaps.events")
                .description("FCAPS events received from the fcaps stream")
                .register(meters);
    }

    @Override
    public void handle(EventEnvelope<JsonNode> event) {
        received.increment();
        log.info("FCAPS event {} {} for cluster {}", event.eventType(), event.eventId(), event.clusterId());
    }

    long received() {
        return (long) received.count();
    }
}
