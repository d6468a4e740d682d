package dev.aiops.collector.ves;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code ves_events_received_total{domain,severity}} and {@code ves_events_rejected_total{reason}}. */
@Component
class VesMetrics {

    static final String RECEIVED = "ves.events.received";
    static final String REJECTED = "ves.events.rejected";

    private final MeterRegistry meters;

    VesMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void received(List<AcceptedEvent> events) {
        for (AcceptedEvent event : events) {
            Counter.builder(RECEIVED)
                    .description("VES events accepted (duplicates included)")
                    .tag("domain", event.domain())
                    .tag("severity", event.severity() == null ? "none" : event.severity())
                    .register(meters)
                    .increment();
        }
    }

    void rejected(String reason, int events) {
        Counter.builder(REJECTED)
                .description("VES events refused, by reason")
                .tag("reason", reason)
                .register(meters)
                .increment(events);
    }
}
