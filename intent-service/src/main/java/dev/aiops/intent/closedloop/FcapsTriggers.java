package dev.aiops.intent.closedloop;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** FCAPS events from the collector's VES listener: one trigger of the closed loop. */
@Component
class FcapsTriggers implements EventHandler {

    private final Counter received;
    private final ClosedLoopPlanner planner;

    FcapsTriggers(MeterRegistry meters, ClosedLoopPlanner planner) {
        this.planner = planner;
        this.received = Counter.builder("aiops.intent.fcaps.events")
                .description("FCAPS events received from the fcaps stream")
                .register(meters);
    }

    @Override
    public void handle(EventEnvelope<JsonNode> event) {
        received.increment();
        if (event.eventType() == EventType.FCAPS_EVENT_RECEIVED) {
            planner.onFcaps(event);
        }
    }

    long received() {
        return (long) received.count();
    }
}
