package dev.aiops.intent.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.platform.events.EventBus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntentIntegrationTest
class FcapsTriggersTests {

    @Autowired
    EventBus bus;

    @Autowired
    FcapsTriggers triggers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldConsumeFcapsEventsAsTheIntentServiceGroupWhenTheCollectorPublishes() throws InterruptedException {
        EventEnvelope<FcapsEventSummary> event = EventEnvelope.of(
                EventType.FCAPS_EVENT_RECEIVED,
                "observability-collector",
                UUID.randomUUID(),
                new FcapsEventSummary(
                        "fault", "fault000001", "Fault_gNB_LinkDown", "High", "gnb-edge1-01", "CRITICAL"));
        long before = triggers.received();

        bus.append(event);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (processed(event) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(processed(event))
                .as("processed_event row of group intent-service")
                .isEqualTo(1);
        assertThat(triggers.received()).isGreaterThan(before);
    }

    private int processed(EventEnvelope<?> event) {
        return jdbc.queryForObject(
                "select count(*) from processed_event where consumer_group = ? and event_id = ?",
                Integer.class,
                ClosedLoopConfiguration.CONSUMER_GROUP,
                event.eventId());
    }
}
