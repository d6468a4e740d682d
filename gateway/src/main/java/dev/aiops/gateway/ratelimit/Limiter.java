package dev.aiops.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link TokenBuckets} with the limits of waiting for it: every call is cut after
 * {@code redis-timeout}, and a circuit breaker stops calling a Redis that keeps failing or hanging, so
 * that during an outage requests are decided at once instead of each waiting out the timeout. An empty
 * result means "the limiter is unavailable"; what that means for the request is the caller's decision
 * (fail open or closed).
 */
class Limiter {

    static final String BREAKER_NAME = "rate-limiter";

    private static final Logger log = LoggerFactory.getLogger(Limiter.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final TokenBuckets buckets;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final AtomicLong lastOutageLog = new AtomicLong();
    // set after the first answer from Redis: the shared connection exists from then on
    private volatile boolean connected;

    Limiter(TokenBuckets buckets, RateLimitProperties properties, CircuitBreakerRegistry registry) {
        this.buckets = buckets;
        this.timeout = properties.redisTimeout();
        RateLimitProperties.Breaker settings = properties.breaker();
        // in the registry, so its state shows in /actuator/health and the resilience4j metrics
        this.breaker = registry.circuitBreaker(
                BREAKER_NAME,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.windowSize())
                        .minimumNumberOfCalls(settings.minimumCalls())
                        .failureRateThreshold(settings.failureRateThreshold())
                        .waitDurationInOpenState(settings.openFor())
                        .permittedNumberOfCallsInHalfOpenState(settings.trialCalls())
                        // the next request after openFor is a trial; no timer thread needed
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
        breaker.getEventPublisher()
                .onStateTransition(event -> log.warn("Rate limiter breaker: {}", event.getStateTransition()));
    }

    /** The decision, or empty when Redis did not answer in time, failed, or is not being asked. */
    Mono<Optional<TokenBuckets.Decision>> take(List<TokenBuckets.Bucket> wanted) {
        Mono<TokenBuckets.Decision> call = Mono.defer(() -> buckets.take(wanted))
                // Lettuce signals the reply on the I/O thread of its connection, and the limiter shares one
                // connection: without this hop the whole rest of every request (routing, the call to the
                // service, the response) ran on that single thread, which capped the gateway at what one
                // core does, delayed other requests' Redis replies past the timeout and opened the breaker
                .publishOn(Schedulers.parallel());
        if (!connected) {
            // Spring Data's connection factory opens its shared connection synchronously on first use; that
            // must never block a Netty event loop, and the timeout below can only cut a wait that happens
            // off the subscribing thread. Once open, that connection object stays (Lettuce reconnects it
            // underneath, and while it is down commands are rejected at once), so nothing blocks any more
            // and the hop is skipped: it cost two thread wake-ups and a context snapshot per request.
            call = call.subscribeOn(Schedulers.boundedElastic()).doOnSuccess(decision -> connected = true);
        }
        return call.timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .map(Optional::of)
                .onErrorResume(e -> {
                    logOutage(e);
                    return Mono.just(Optional.empty());
                });
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    private void logOutage(Throwable e) {
        long now = System.currentTimeMillis();
        long last = lastOutageLog.get();
        // one line a minute is enough to see the outage without flooding the logs at full traffic
        if (now - last >= LOG_EVERY_MILLIS && lastOutageLog.compareAndSet(last, now)) {
            log.warn(
                    "Rate limiter unavailable ({}); fail-open routes pass unlimited, fail-closed routes get 503",
                    e instanceof CallNotPermittedException ? "breaker open" : e.toString());
        }
    }
}
