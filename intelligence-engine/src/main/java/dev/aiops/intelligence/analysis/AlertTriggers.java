package dev.aiops.intelligence.analysis;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.platform.events.EventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Alert events from the collector, the future trigger of anomaly detection and root-cause analysis.
 * For now it only records what arrives, which proves the engine is a member of its consumer group.
 */
@Component
class AlertTriggers implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(AlertTriggers.class);

    private final Counter received;

    AlertTriggers(MeterRegistry meters) {
        this.received = Counter.builder("aiops.intelligence.alert.events")
                .description("Alert events received from the alert stream")
                .register(meters);
    }

    @Override
    public void handle(EventEnvelope<JsonNode> event) {
        received.increment();
        log.info("Alert event {} {} for cluster {}", event.eventType(), event.eventId(), event.clusterId());
    }

    long received() {
        return (long) received.count();
    }
}
