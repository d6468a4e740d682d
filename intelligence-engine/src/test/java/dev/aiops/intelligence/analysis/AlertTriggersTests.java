package dev.aiops.intelligence.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.ProcessedEventsProbe;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntelligenceIntegrationTest
class AlertTriggersTests {

    @Autowired
    EventBus bus;

    @Autowired
    AlertTriggers triggers;

    @Autowired
    DataSource dataSource;

    @Test
    void shouldConsumeAlertEventsAsTheIntelligenceEngineGroupWhenTheCollectorPublishes() throws Exception {
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

        assertThat(ProcessedEventsProbe.awaitProcessed(
                        dataSource, AnalysisConfiguration.CONSUMER_GROUP, event.eventId()))
                .as("processed_event row of group intelligence-engine")
                .isEqualTo(1);
        assertThat(triggers.received()).isGreaterThan(before);
    }
}
