package dev.aiops.intent.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.ProcessedEventsProbe;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntentIntegrationTest
class FcapsTriggersTests {

    @Autowired
    EventBus bus;

    @Autowired
    FcapsTriggers triggers;

    @Autowired
    DataSource dataSource;

    @Test
    void shouldConsumeFcapsEventsAsTheIntentServiceGroupWhenTheCollectorPublishes() throws Exception {
        EventEnvelope<FcapsEventSummary> event = EventEnvelope.of(
                EventType.FCAPS_EVENT_RECEIVED,
                "observability-collector",
                UUID.randomUUID(),
                new FcapsEventSummary(
                        "fault",
                        "fault000001",
                        "Fault_gNB_LinkDown",
                        "High",
                        "gnb-edge1-01",
                        "CRITICAL",
                        Map.of("faultFields", Map.of("alarmCondition", "LINK_DOWN"))));
        long before = triggers.received();

        bus.append(event);

        assertThat(ProcessedEventsProbe.awaitProcessed(
                        dataSource, ClosedLoopConfiguration.CONSUMER_GROUP, event.eventId()))
                .as("processed_event row of group intent-service")
                .isEqualTo(1);
        assertThat(triggers.received()).isGreaterThan(before);
    }
}
