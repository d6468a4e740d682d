package dev.aiops.porch.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.intent.IntentCreatedEvent;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.platform.events.EventBus;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@PorchIntegrationTest
class IntentTriggersTests {

    @Autowired
    EventBus bus;

    @Autowired
    IntentTriggers triggers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldConsumeIntentEventsAsThePorchAdapterGroupWhenTheIntentServicePublishes() throws InterruptedException {
        UUID intentId = UUID.randomUUID();
        StructuredIntent intent = new StructuredIntent(
                IntentType.DEPLOYMENT,
                ServiceType.EMBB,
                List.of("edge1"),
                List.of(),
                null,
                null,
                null,
                intentId.toString(),
                null,
                null);
        EventEnvelope<IntentCreatedEvent> event = EventEnvelope.of(
                        EventType.INTENT_CREATED,
                        "intent-service",
                        null,
                        new IntentCreatedEvent(intentId, "Deploy eMBB on edge1 with 200 Mbps", intent))
                .withCorrelationId(intentId.toString());
        long before = triggers.received();

        bus.append(event);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (processed(event) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(processed(event))
                .as("processed_event row of group porch-adapter")
                .isEqualTo(1);
        assertThat(triggers.received()).isGreaterThan(before);
    }

    private int processed(EventEnvelope<?> event) {
        return jdbc.queryForObject(
                "select count(*) from processed_event where consumer_group = ? and event_id = ?",
                Integer.class,
                GenerationConfiguration.CONSUMER_GROUP,
                event.eventId());
    }
}
