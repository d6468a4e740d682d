package dev.aiops.porch.generation;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.platform.events.EventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Intent events from the intent service: the future trigger of package generation (an intent becomes
 * one package per site, Draft → Proposed → Published). For now it only records what arrives.
 */
@Component
class IntentTriggers implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(IntentTriggers.class);

    private final Counter received;

    IntentTriggers(MeterRegistry meters) {
        this.received = Counter.builder("aiops.porch.intent.events")
                .description("Intent events received from the intent stream")
                .register(meters);
    }

    @Override
    public void handle(EventEnvelope<JsonNode> event) {
        received.increment();
        log.info("Intent event {} {} (correlation {})", event.eventType(), event.eventId(), event.correlationId());
    }

    long received() {
        return (long) received.count();
    }
}
