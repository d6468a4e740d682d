package dev.aiops.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.gateway.ratelimit.RateLimitProperties.Limit;
import dev.aiops.testkit.RealInfrastructure;
import dev.aiops.testkit.SharedRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * On which threads the limiter works, against the real Redis. The decision must not be handed on from
 * Lettuce's I/O thread: the limiter shares one connection, so the rest of every request would run on
 * that one thread. And after the first answer (the shared connection exists) the command is sent from the
 * caller's thread instead of hopping to boundedElastic first.
 */
@RealInfrastructure
class LimiterThreadsTests {

    private final LettuceConnectionFactory factory = connectionFactory();

    private final List<String> subscribedOn = new CopyOnWriteArrayList<>();

    private final TokenBuckets buckets = new TokenBuckets(new ReactiveStringRedisTemplate(factory)) {
        @Override
        Mono<Decision> take(List<Bucket> wanted) {
            subscribedOn.add(Thread.currentThread().getName());
            return super.take(wanted);
        }
    };

    private final Limiter limiter = new Limiter(
            buckets,
            new RateLimitProperties(
                    true,
                    // generous on a loaded machine: this test is about threads, not speed
                    Duration.ofSeconds(10),
                    new RateLimitProperties.Breaker(20, 5, 50, Duration.ofSeconds(5), 3),
                    null,
                    null,
                    null,
                    null),
            CircuitBreakerRegistry.ofDefaults());

    private final List<TokenBuckets.Bucket> wanted = List.of(new TokenBuckets.Bucket(
            "limiter-threads:" + UUID.randomUUID(), new Limit(100, Duration.ofMinutes(1), null)));

    @AfterEach
    void close() {
        factory.destroy();
    }

    @Test
    void shouldHandDecisionOnFromAnotherThreadThanLettuces() {
        for (int i = 0; i < 3; i++) {
            String decidedOn = limiter.take(wanted)
                    .map(decision -> {
                        assertThat(decision)
                                .hasValueSatisfying(d -> assertThat(d.allowed()).isTrue());
                        return Thread.currentThread().getName();
                    })
                    .block(Duration.ofSeconds(30));

            assertThat(decidedOn).doesNotContain("lettuce").startsWith("parallel-");
        }
    }

    @Test
    void shouldSendFromCallingThreadOnceConnectionIsOpen() {
        String caller = Thread.currentThread().getName();

        Optional<TokenBuckets.Decision> first = limiter.take(wanted).block(Duration.ofSeconds(30));
        Optional<TokenBuckets.Decision> second = limiter.take(wanted).block(Duration.ofSeconds(30));

        assertThat(first).hasValueSatisfying(d -> assertThat(d.remaining()).isEqualTo(99));
        assertThat(second).hasValueSatisfying(d -> assertThat(d.remaining()).isEqualTo(98));
        // the first call may have to open the shared connection, which blocks: never on the caller's thread
        assertThat(subscribedOn).hasSize(2);
        assertThat(subscribedOn.get(0)).startsWith("boundedElastic-");
        assertThat(subscribedOn.get(1)).isEqualTo(caller);
    }

    private static LettuceConnectionFactory connectionFactory() {
        SharedRedis redis = SharedRedis.get();
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(redis.host(), redis.port());
        server.setDatabase(RateLimitConfiguration.RATE_LIMIT_DATABASE);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
