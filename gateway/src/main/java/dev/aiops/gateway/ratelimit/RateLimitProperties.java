package dev.aiops.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aiops.gateway.rate-limits.*}. Every request takes a token from the global bucket, from its
 * caller's default bucket and, when one matches, from its caller's bucket of that rule. Rules are a map
 * by name so a deployment (or a test) can change one rule without restating the others.
 *
 * @param redisTimeout how long a request waits for Redis before it is let through unlimited
 */
@ConfigurationProperties(prefix = "aiops.gateway.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration redisTimeout,
        Limit global,
        Limit perUser,
        Map<String, Rule> rules) {

    public RateLimitProperties {
        global = global != null ? global : new Limit(1000, Duration.ofSeconds(1), null);
        perUser = perUser != null ? perUser : new Limit(300, Duration.ofMinutes(1), 50L);
        // sorted so the first matching rule is the same on every replica
        rules = rules == null ? Map.of() : new TreeMap<>(rules);
    }

    /**
     * {@code limit} requests per {@code period} sustained, up to {@code burst} at once (default: the
     * whole limit).
     */
    public record Limit(long limit, Duration period, Long burst) {

        public Limit {
            if (limit <= 0 || period == null || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs limit > 0 and a positive period");
            }
        }

        long capacity() {
            return burst != null && burst > 0 ? burst : limit;
        }

        double tokensPerMilli() {
            return (double) limit / period.toMillis();
        }
    }

    /**
     * @param methods HTTP methods the rule applies to; empty means all
     * @param paths path patterns ({@code PathPattern} syntax, e.g. {@code /api/v1/metrics/query*})
     */
    public record Rule(
            @DefaultValue List<String> methods, List<String> paths, long limit, Duration period, Long burst) {

        public Rule {
            paths = paths == null ? List.of() : paths;
        }

        Limit asLimit() {
            return new Limit(limit, period, burst);
        }
    }
}
