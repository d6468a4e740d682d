package dev.aiops.gateway.ratelimit;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts requests refused with 401 per client address. Those never reach {@link RateLimitFilter} (it
 * runs after authentication), so without this a client could send bad tokens at full speed, each one
 * parsed and verified. Once an address has used up {@code rate-limits.unauthenticated}, its further
 * unauthenticated requests get 429 instead. Fails open: a limiter outage must not turn 401s into 503s.
 */
public final class UnauthenticatedThrottle {

    private final Limiter limiter;
    private final RateLimitProperties properties;

    UnauthenticatedThrottle(Limiter limiter, RateLimitProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    /** True to answer 401 as usual, false (with {@code Retry-After} set) to answer 429. */
    public Mono<Boolean> allow(ServerWebExchange exchange) {
        String key =
                RateLimitFilter.KEY_PREFIX + "unauthenticated:" + RateLimitFilter.clientAddress(exchange.getRequest());
        return limiter.take(List.of(new TokenBuckets.Bucket(key, properties.unauthenticated())))
                .map(decision -> decision.map(d -> {
                            if (!d.allowed()) {
                                exchange.getResponse()
                                        .getHeaders()
                                        .set(
                                                HttpHeaders.RETRY_AFTER,
                                                Long.toString(Math.max(1, (d.millisUntilToken() + 999) / 1000)));
                            }
                            return d.allowed();
                        })
                        .orElse(true));
    }
}
