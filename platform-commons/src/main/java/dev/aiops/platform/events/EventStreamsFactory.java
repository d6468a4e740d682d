package dev.aiops.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Lets the auto-configuration build the package-private pieces of the event bus. */
public final class EventStreamsFactory {

    private EventStreamsFactory() {}

    public static Notifications notifications(RedisMessageListenerContainer container, EventBus bus) {
        return new Notifications(container, bus);
    }

    public static ProcessedEvents jdbcProcessedEvents(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new JdbcProcessedEvents(jdbc, transactions);
    }

    public static ProcessedEvents redisProcessedEvents(StringRedisTemplate redis, Duration retention) {
        return new RedisProcessedEvents(redis, retention);
    }

    public static EventStreams eventStreams(
            StringRedisTemplate redis, EventBus bus, ProcessedEvents processed, String instanceId) {
        return new EventStreams(redis, bus, processed, instanceId, null);
    }

    /** As above, and each subscription reports its consumer group's pending entries to {@code meters}. */
    public static EventStreams eventStreams(
            StringRedisTemplate redis,
            EventBus bus,
            ProcessedEvents processed,
            String instanceId,
            MeterRegistry meters) {
        return new EventStreams(redis, bus, processed, instanceId, meters);
    }
}
