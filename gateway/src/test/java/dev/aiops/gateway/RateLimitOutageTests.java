package dev.aiops.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.testkit.RedisServerHandle;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The limiter against a Redis that really goes away: a dedicated redis-server (not the shared one) that
 * is stopped and started again, or frozen with SIGSTOP so that connections stay open and nothing answers.
 * Reads fail open, intent creation fails closed, and the breaker stops asking a dead Redis.
 */
class RateLimitOutageTests extends GatewayTestSupport {

    static final RedisServerHandle REDIS = RedisServerHandle.startOnFreePort();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("aiops.gateway.rate-limits.breaker.open-for", () -> "300ms");
        registry.add("aiops.gateway.rate-limits.breaker.minimum-calls", () -> "3");
        // no refill during the test: 20 answers 401, the rest 429
        registry.add("aiops.gateway.rate-limits.unauthenticated.period", () -> "1h");
    }

    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    void stubServicesAndFreshLimiter() {
        REDIS.start();
        flushOwnRedis();
        breakers.circuitBreaker("rate-limiter").reset();
        REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/clusters"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":[]}")));
        INTENTS.stubFor(
                post(urlPathEqualTo("/api/v1/intents")).willReturn(aResponse().withStatus(201)));
    }

    @AfterEach
    void redisBack() throws IOException, InterruptedException {
        resume();
        REDIS.start();
        // the breaker closes again once trial calls succeed; later tests start from a healthy limiter
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> readClusters().expectHeader().exists("X-RateLimit-Limit"));
    }

    @Test
    void shouldFailOpenForReadsAndClosedForIntentCreationWhenRedisIsStopped() {
        REDIS.stop();

        readClusters().expectStatus().isOk().expectHeader().doesNotExist("X-RateLimit-Limit");
        createIntent()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SERVICE_UNAVAILABLE")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("rate limiter"));
        assertThat(INTENTS.findAll(postRequestedFor(urlPathEqualTo("/api/v1/intents"))))
                .isEmpty();

        REDIS.start();

        // failures of commands still in flight when the server went away may reopen the breaker once
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            createIntent().expectStatus().isCreated().expectHeader().exists("X-RateLimit-Remaining");
            assertThat(breakers.circuitBreaker("rate-limiter").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
    }

    @Test
    void shouldOpenBreakerAndStillAnswerWhenRedisHangs() throws IOException, InterruptedException {
        CircuitBreaker breaker = breakers.circuitBreaker("rate-limiter");
        readClusters().expectHeader().exists("X-RateLimit-Limit");

        pause();
        for (int i = 0; i < 5; i++) {
            readClusters().expectStatus().isOk().expectHeader().doesNotExist("X-RateLimit-Limit");
        }
        assertThat(breaker.getState()).isIn(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);
        createIntent().expectStatus().isEqualTo(503);
        assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()
                        + breaker.getMetrics().getNumberOfFailedCalls())
                .isGreaterThanOrEqualTo(3);

        resume();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            readClusters().expectHeader().exists("X-RateLimit-Limit");
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
    }

    @Test
    void shouldAnswer429InsteadOf401WhenOneAddressSendsManyBadTokens() {
        // against the dedicated Redis so the shared one's flush between tests does not matter here
        int unauthorized = 0;
        int throttled = 0;
        for (int i = 0; i < 25; i++) {
            int status = web.get()
                    .uri("/api/v1/clusters")
                    .header("Authorization", "Bearer not-a-token")
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            if (status == 401) {
                unauthorized++;
            } else if (status == 429) {
                throttled++;
            }
        }
        assertThat(unauthorized).isEqualTo(20);
        assertThat(throttled).isEqualTo(5);
        web.get()
                .uri("/api/v1/clusters")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RATE_LIMITED");
        // a valid token is not affected
        readClusters().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec readClusters() {
        return web.get()
                .uri("/api/v1/clusters")
                .header("Authorization", bearer("vera", "viewer"))
                .exchange();
    }

    // a new user each time: the test context allows 3 intents per minute and user, and awaits retry
    private WebTestClient.ResponseSpec createIntent() {
        return web.post()
                .uri("/api/v1/intents")
                .header("Authorization", bearer("otto-" + UUID.randomUUID(), "operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"Deploy eMBB on edge1\"}")
                .exchange();
    }

    private static long pausedPid = -1;

    /** SIGSTOP: a hang with every connection left open, the way a stuck Redis looks to its clients. */
    private static synchronized void pause() throws IOException, InterruptedException {
        pausedPid = redisPid();
        signal("-STOP", pausedPid);
    }

    private static synchronized void resume() throws IOException, InterruptedException {
        if (pausedPid > 0) {
            signal("-CONT", pausedPid);
            pausedPid = -1;
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    // redis-server tells its own pid; asked while it answers (and anew after a restart)
    private static long redisPid() {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection
                    .sync()
                    .info("server")
                    .lines()
                    .filter(line -> line.startsWith("process_id:"))
                    .mapToLong(line -> Long.parseLong(
                            line.substring("process_id:".length()).trim()))
                    .findFirst()
                    .orElseThrow();
        } finally {
            client.shutdown();
        }
    }

    private static void flushOwnRedis() {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }
}
