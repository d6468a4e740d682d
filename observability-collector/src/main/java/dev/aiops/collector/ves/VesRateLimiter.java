package dev.aiops.collector.ves;

import dev.aiops.collector.config.CollectorProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token bucket per {@code sourceName} in Redis, so every collector replica draws from the same bucket.
 * A batch takes the tokens of all its sources at once or none: a refused batch consumes nothing, and
 * nothing of it is applied.
 */
@Component
class VesRateLimiter {

    static final String KEY_PREFIX = "aiops:ves:rate:";

    // KEYS: one bucket per source; ARGV: rate/s, burst, then the tokens wanted per key.
    // Returns 0 when granted, else the milliseconds until the most starved bucket could grant.
    private static final RedisScript<Long> TAKE = new DefaultRedisScript<>("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local tokens = {}
            local wait = 0
            for i, key in ipairs(KEYS) do
              local b = redis.call('HMGET', key, 'tokens', 'ts')
              local have = tonumber(b[1]) or burst
              local ts = tonumber(b[2]) or now
              have = math.min(burst, have + math.max(0, now - ts) * rate / 1000)
              tokens[i] = have
              local want = tonumber(ARGV[i + 2])
              if have < want then
                wait = math.max(wait, math.ceil((want - have) * 1000 / rate))
              end
            end
            local ttl = math.ceil(burst * 1000 / rate) + 1000
            for i, key in ipairs(KEYS) do
              local left = tokens[i]
              if wait == 0 then left = left - tonumber(ARGV[i + 2]) end
              redis.call('HSET', key, 'tokens', tostring(left), 'ts', tostring(now))
              redis.call('PEXPIRE', key, ttl)
            end
            return wait
            """, Long.class);

    private final StringRedisTemplate redis;
    private final CollectorProperties.RateLimit limit;

    VesRateLimiter(StringRedisTemplate redis, CollectorProperties properties) {
        this.redis = redis;
        this.limit = properties.ves().rateLimit();
    }

    /** Takes {@code eventsBySource} tokens or throws {@link VesRateLimitedException} taking none. */
    void acquire(Map<String, Integer> eventsBySource) {
        if (!limit.enabled() || eventsBySource.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(eventsBySource.size());
        List<String> args = new ArrayList<>(eventsBySource.size() + 2);
        args.add(Integer.toString(limit.eventsPerSecond()));
        args.add(Integer.toString(limit.burst()));
        eventsBySource.forEach((source, count) -> {
            keys.add(KEY_PREFIX + source);
            args.add(Integer.toString(count));
        });
        Long waitMillis = redis.execute(TAKE, keys, args.toArray());
        if (waitMillis != null && waitMillis > 0) {
            throw new VesRateLimitedException(Math.max(1, (waitMillis + 999) / 1000));
        }
    }
}
