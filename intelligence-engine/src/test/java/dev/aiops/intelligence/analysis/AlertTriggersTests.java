package dev.aiops.intelligence.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.platform.events.EventBus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntelligenceIntegrationTest
class AlertTriggersTests {

    @Autowired
    EventBus bus;

    @Autowired
    AlertTriggers triggers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldConsumeAlertEventsAsTheIntelligenceEngineGroupWhenTheCollectorPublishes() throws InterruptedException {
        UUID cluster = UUID.randomUUID();
        Alert alert = new Alert(
                UUID.randomUUID(),
                "5b3c2e1f9a8d7c6b",
                cluster,
                "edge-paris-01",
                "KubePodCrashLooping",
                AlertSeverity.WARNING,
                AlertState.FIRING,
                Map.of("namespace", "cnf-upf"),
                Map.of(),
                Instant.now(),
                null,
                null);
        EventEnvelope<Alert> event = EventEnvelope.of(EventType.ALERT_FIRED, "observability-collector", cluster, alert);
        long before = triggers.received();

        bus.append(event);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (processed(event) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(processed(event))
                .as("processed_event row of group intelligence-engine")
                .isEqualTo(1);
        assertThat(triggers.received()).isGreaterThan(before);
    }

    private int processed(EventEnvelope<?> event) {
        return jdbc.queryForObject(
                "select count(*) from processed_event where consumer_group = ? and event_id = ?",
                Integer.class,
                AnalysisConfiguration.CONSUMER_GROUP,
                event.eventId());
    }
}
