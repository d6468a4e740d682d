package dev.aiops.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.events.ProcessedEvents;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.outbox.OutboxRelay;
import dev.aiops.platform.test.PlatformContractTests;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import org.junit.jupiter.api.Test;

/** The platform contract, without a database: no outbox, and the processed-event ledger in Redis. */
@StreamingIntegrationTest
class PlatformEndpointsTests extends PlatformContractTests {

    PlatformEndpointsTests() {
        super(Contract.of("/api/v1/streaming/stats", "/api/v1/streaming/replay"));
    }

    @Test
    void shouldRefusePlainHttpOnTheWebSocketPath() {
        client.get().uri("/ws").exchange().expectStatus().is4xxClientError();
    }

    @Test
    void shouldRunWithoutOutboxAndKeepTheEventLedgerInRedis() {
        assertThat(context.getBeanNamesForType(Outbox.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OutboxRelay.class)).isEmpty();
        assertThat(context.getBean(ProcessedEvents.class).getClass().getSimpleName())
                .isEqualTo("RedisProcessedEvents");
    }
}
