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
 * @param redisTimeout how long a request waits for Redis before the limiter counts as unavailable; then
 *     the request passes unlimited, or is refused with 503 when its rule says {@code fail-closed}. Tens of
 *     milliseconds: the limiter's answer normally takes well under one, so a longer wait only adds a
 *     slow Redis's latency to every request.
 * @param breaker when to stop asking an unavailable Redis at all, so a dead one costs no wait per request
 * @param unauthenticated per client address, taken by every request refused with 401, so a flood of
 *     bad or missing tokens is answered 429 once the address has used it up
 */
@ConfigurationProperties(prefix = "aiops.gateway.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50ms") Duration redisTimeout,
        @DefaultValue Breaker breaker,
        Limit global,
        Limit perUser,
        Limit unauthenticated,
        Map<String, Rule> rules) {

    public RateLimitProperties {
        global = global != null ? global : new Limit(1000, Duration.ofSeconds(1), null);
        perUser = perUser != null ? perUser : new Limit(300, Duration.ofMinutes(1), 50L);
        unauthenticated = unauthenticated != null ? unauthenticated : new Limit(60, Duration.ofMinutes(1), 20L);
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
     * A count-based circuit breaker around the limiter's Redis calls: once {@code failureRateThreshold}
     * percent of the last {@code windowSize} calls failed or timed out (after at least
     * {@code minimumCalls}), Redis is not asked for {@code openFor}; then a few trial calls decide.
     */
    public record Breaker(
            @DefaultValue("20") int windowSize,
            @DefaultValue("5") int minimumCalls,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("5s") Duration openFor,
            @DefaultValue("3") int trialCalls) {}

    /**
     * @param methods HTTP methods the rule applies to; empty means all
     * @param paths path patterns ({@code PathPattern} syntax, e.g. {@code /api/v1/metrics/query*})
     * @param failClosed refuse matching requests with 503 while the limiter is unavailable, instead of
     *     letting them through unlimited: for operations where an unlimited burst costs more than a
     *     short refusal (creating intents, handling credentials)
     */
    public record Rule(
            @DefaultValue List<String> methods,
            List<String> paths,
            long limit,
            Duration period,
            Long burst,
            @DefaultValue("false") boolean failClosed) {

        public Rule {
            paths = paths == null ? List.of() : paths;
        }

        Limit asLimit() {
            return new Limit(limit, period, burst);
        }
    }
}
