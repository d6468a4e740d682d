package dev.aiops.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.gateway.error.ProblemResponses;
import dev.aiops.platform.error.ProblemFactory;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class RateLimitFilterTests {

    private final RateLimitProperties properties = new RateLimitProperties(
            true,
            Duration.ofMillis(200),
            new RateLimitProperties.Breaker(20, 5, 50, Duration.ofSeconds(5), 3),
            null,
            null,
            null,
            Map.of(
                    "metrics-query",
                    new RateLimitProperties.Rule(
                            List.of(), List.of("/api/v1/metrics/query*"), 60, Duration.ofMinutes(1), null, false),
                    "chat-messages",
                    new RateLimitProperties.Rule(
                            List.of("POST"),
                            List.of("/api/v1/chat/sessions/*/messages", "/api/v1/chat/sessions/*/stream"),
                            30,
                            Duration.ofMinutes(1),
                            null,
                            false)));

    private final ProblemResponses problems =
            new ProblemResponses(new ProblemFactory(null), JsonMapper.builder().build());

    @Test
    void shouldAnswer429WithoutCallingChainWhenBucketIsEmpty() {
        TokenBuckets empty = new TokenBuckets(null) {
            @Override
            Mono<Decision> take(List<Bucket> buckets) {
                return Mono.just(new Decision(false, 3, 0, 12_300, 60_000));
            }
        };
        RateLimitFilter filter = new RateLimitFilter(limiter(empty), properties, problems);
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.post("/api/v1/intents").build());
        AtomicBoolean passed = new AtomicBoolean();

        filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))).block();

        assertThat(passed).isFalse();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(429);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("13");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-RateLimit-Reset"))
                .isEqualTo("60");
    }

    @Test
    void shouldAddRuleBucketOnlyWhenMethodAndPathMatch() {
        RateLimitFilter filter = new RateLimitFilter(limiter(new TokenBuckets(null)), properties, problems);

        assertThat(keys(filter, HttpMethod.POST, "/api/v1/metrics/query_range"))
                .containsExactly(
                        "aiops:ratelimit:global", "aiops:ratelimit:user:sub:u", "aiops:ratelimit:metrics-query:sub:u");
        assertThat(keys(filter, HttpMethod.POST, "/api/v1/chat/sessions/s1/stream"))
                .contains("aiops:ratelimit:chat-messages:sub:u");
        assertThat(keys(filter, HttpMethod.GET, "/api/v1/chat/sessions/s1/messages"))
                .hasSize(2);
        assertThat(keys(filter, HttpMethod.GET, "/api/v1/metrics/series")).hasSize(2);
    }

    private Limiter limiter(TokenBuckets buckets) {
        return new Limiter(buckets, properties, CircuitBreakerRegistry.ofDefaults());
    }

    private static List<String> keys(RateLimitFilter filter, HttpMethod method, String path) {
        return filter.bucketsFor(method, path, "sub:u").stream()
                .map(TokenBuckets.Bucket::key)
                .toList();
    }
}
