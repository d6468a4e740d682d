package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.EventBus.SerializedEvent;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The platform's Redis set-up reuses connections: the outbox relay's pipelined batches and the stream
 * readers' blocking reads borrow pooled connections. Without the pool, Spring Data Redis opened a new
 * connection for every batch and every blocking read (a JFR profile of the engine counted 840 for 1,000
 * chat turns).
 */
@StreamingIntegrationTest
class RedisConnectionReuseTests {

    @Autowired
    EventBus bus;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void shouldPublishManyPipelinedBatchesWithoutOpeningAConnectionForEach() {
        long before = connectionsReceived();

        for (int i = 0; i < 100; i++) {
            String id = UUID.randomUUID().toString();
            bus.publishAllJson(List.of(new SerializedEvent(
                    EventDomain.CLUSTER,
                    id,
                    "CLUSTER_UPDATED",
                    "{\"event_id\":\"" + id + "\",\"event_type\":\"CLUSTER_UPDATED\",\"source\":\"test\","
                            + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"payload\":{}}")));
        }

        // the context's ten domain readers keep polling meanwhile; they reuse their connections too
        assertThat(connectionsReceived() - before).isLessThan(20);
    }

    private long connectionsReceived() {
        Properties stats = redis.execute((RedisCallback<Properties>)
                connection -> connection.serverCommands().info("stats"));
        return Long.parseLong(stats.getProperty("total_connections_received"));
    }
}
