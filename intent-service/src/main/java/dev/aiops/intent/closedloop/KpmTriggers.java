package dev.aiops.intent.closedloop;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.EventHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** E2 KPM reports (one per cell and 30 s window) from the collector: the other trigger of the closed loop. */
@Component
class KpmTriggers implements EventHandler {

    private final ClosedLoopPlanner planner;

    KpmTriggers(ClosedLoopPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void handle(EventEnvelope<JsonNode> event) {
        if (event.eventType() == EventType.KPM_REPORT) {
            planner.onKpm(event);
        }
    }
}
