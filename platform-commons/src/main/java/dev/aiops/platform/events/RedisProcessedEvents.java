package dev.aiops.platform.events;

import java.time.Duration;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Processed-event ledger in Redis for services without a database. The mark is written after the
 * work, so a crash in between repeats the work once: handlers behind it must tolerate that.
 */
class RedisProcessedEvents implements ProcessedEvents {

    private final StringRedisTemplate redis;
    private final Duration retention;

    RedisProcessedEvents(StringRedisTemplate redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    @Override
    public boolean runOnce(String group, UUID eventId, Work work) throws Exception {
        String key = "aiops:processed:" + group + ":" + eventId;
        if (Boolean.TRUE.equals(redis.hasKey(key))) {
            return false;
        }
        work.run();
        redis.opsForValue().set(key, "1", retention);
        return true;
    }
}
