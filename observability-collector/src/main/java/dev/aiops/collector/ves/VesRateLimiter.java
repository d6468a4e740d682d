package dev.aiops.collector.ves;

import dev.aiops.collector.config.CollectorProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token bucket per {@code sourceName} in Redis, so every collector replica draws from the same bucket.
 * A batch takes the tokens of all its sources at once or none: a refused batch consumes nothing, and
 * nothing of it is applied.
 *
 * <p>When Redis does not answer (stopped, or hung until the command timeout, {@code spring.data.redis.timeout})
 * the limiter fails open: the batch is accepted unchecked and counted in {@code ves_events_unlimited_total}.
 * The limit protects the collector from a flooding sender; refusing every sender's faults because the
 * limiter's own store is away would lose the alarms an operator needs most during an incident, and VES
 * agents do not all resend. The database and the outbox still take each event once.
 */
@Component
class VesRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(VesRateLimiter.class);

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

    private final VesMetrics metrics;
    private final AtomicBoolean failingOpen = new AtomicBoolean();

    VesRateLimiter(StringRedisTemplate redis, CollectorProperties properties, VesMetrics metrics) {
        this.redis = redis;
        this.limit = properties.ves().rateLimit();
        this.metrics = metrics;
    }

    /**
     * Takes {@code eventsBySource} tokens or throws {@link VesRateLimitedException} taking none; takes nothing and
     * lets the batch through when Redis does not answer (fail open, see above).
     */
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
        Long waitMillis;
        try {
            waitMillis = redis.execute(TAKE, keys, args.toArray());
        } catch (DataAccessException e) {
            metrics.unlimited(
                    eventsBySource.values().stream().mapToInt(Integer::intValue).sum());
            if (failingOpen.compareAndSet(false, true)) {
                log.warn(
                        "VES rate limiter unavailable, accepting events unchecked until Redis answers: {}",
                        e.toString());
            }
            return;
        }
        if (failingOpen.compareAndSet(true, false)) {
            log.info("VES rate limiter available again");
        }
        if (waitMillis != null && waitMillis > 0) {
            throw new VesRateLimitedException(Math.max(1, (waitMillis + 999) / 1000));
        }
    }
}
