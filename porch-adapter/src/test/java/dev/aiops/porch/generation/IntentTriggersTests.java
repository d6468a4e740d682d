package dev.aiops.porch.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.intent.IntentCreatedEvent;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.ProcessedEventsProbe;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PorchIntegrationTest
class IntentTriggersTests {

    @Autowired
    EventBus bus;

    @Autowired
    IntentTriggers triggers;

    @Autowired
    DataSource dataSource;

    @Test
    void shouldConsumeIntentEventsAsThePorchAdapterGroupWhenTheIntentServicePublishes() throws Exception {
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

        assertThat(ProcessedEventsProbe.awaitProcessed(
                        dataSource, GenerationConfiguration.CONSUMER_GROUP, event.eventId()))
                .as("processed_event row of group porch-adapter")
                .isEqualTo(1);
        assertThat(triggers.received()).isGreaterThan(before);
    }
}
