package dev.aiops.collector.ves;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code ves_events_received_total{domain,severity}}, {@code ves_events_rejected_total{reason}} and {@code
 * ves_events_unlimited_total}: events let through without a rate check because the limiter's Redis did not
 * answer.
 */
@Component
class VesMetrics {

    static final String RECEIVED = "ves.events.received";
    static final String REJECTED = "ves.events.rejected";
    static final String UNLIMITED = "ves.events.unlimited";

    private final MeterRegistry meters;

    VesMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void received(List<AcceptedEvent> events) {
        // one counter lookup per (domain, severity) of the batch, not one per event
        Map<List<String>, Integer> counts = new HashMap<>();
        for (AcceptedEvent event : events) {
            counts.merge(
                    List.of(event.domain(), event.severity() == null ? "none" : event.severity()), 1, Integer::sum);
        }
        counts.forEach((tags, n) -> Counter.builder(RECEIVED)
                .description("VES events accepted (duplicates included)")
                .tag("domain", tags.get(0))
                .tag("severity", tags.get(1))
                .register(meters)
                .increment(n));
    }

    void rejected(String reason, int events) {
        Counter.builder(REJECTED)
                .description("VES events refused, by reason")
                .tag("reason", reason)
                .register(meters)
                .increment(events);
    }

    void unlimited(int events) {
        Counter.builder(UNLIMITED)
                .description("VES events accepted without a rate check: the limiter's Redis did not answer")
                .register(meters)
                .increment(events);
    }
}
