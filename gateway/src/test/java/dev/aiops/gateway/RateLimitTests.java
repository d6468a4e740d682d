package dev.aiops.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.testkit.SharedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The test context sets intent creation to 3 per minute (burst 3); the real default is 10. */
class RateLimitTests extends GatewayTestSupport {

    @Test
    void shouldAnswer429WithRetryAfterWhenUserExceedsRuleLimit() {
        INTENTS.stubFor(
                post(urlPathEqualTo("/api/v1/intents")).willReturn(aResponse().withStatus(201)));
        String token = bearer("rita", "operator");

        for (int i = 0; i < 3; i++) {
            createIntent(token)
                    .expectStatus()
                    .isCreated()
                    .expectHeader()
                    .valueEquals("X-RateLimit-Limit", "3")
                    .expectHeader()
                    .valueEquals("X-RateLimit-Remaining", Integer.toString(2 - i));
        }
        createIntent(token)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", "3")
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader()
                .value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(1L, 20L))
                .expectHeader()
                .value(
                        "X-RateLimit-Reset",
                        value -> assertThat(Long.parseLong(value)).isBetween(1L, 60L))
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RATE_LIMITED");

        assertThat(INTENTS.findAll(postRequestedFor(urlPathEqualTo("/api/v1/intents"))))
                .hasSize(3);
    }

    @Test
    void shouldLeaveOtherUsersUnaffectedWhenOneIsLimited() {
        INTENTS.stubFor(
                post(urlPathEqualTo("/api/v1/intents")).willReturn(aResponse().withStatus(201)));
        String greedy = bearer("greedy", "operator");
        for (int i = 0; i < 4; i++) {
            createIntent(greedy);
        }
        createIntent(greedy).expectStatus().isEqualTo(429);

        createIntent(bearer("patient", "operator"))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "2");
    }

    @Test
    void shouldReportDefaultPerUserBucketWhenNoRuleMatches() {
        web.get()
                .uri("/api/v1/packages")
                .header("Authorization", bearer("paul", "viewer"))
                .exchange()
                // porch-adapter is down in the tests: the limit still applies before routing
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", "50")
                .expectHeader()
                .valueEquals("X-RateLimit-Remaining", "49");
    }

    @Test
    void shouldLimitAnonymousCallersByAddressWhenNoToken() {
        web.get()
                .uri("/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-RateLimit-Limit", "50");
    }

    @Test
    void shouldKeepBucketsInRedisDatabaseOneWhenCounting() {
        web.get().uri("/index.html").exchange().expectStatus().isOk();

        RedisClient client = RedisClient.create(SharedRedis.get().uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.select(1);
            assertThat(redis.keys("aiops:ratelimit:*")).contains("aiops:ratelimit:global");
            redis.select(0);
            assertThat(redis.keys("aiops:ratelimit:*")).isEmpty();
        } finally {
            client.shutdown();
        }
    }

    private WebTestClient.ResponseSpec createIntent(String token) {
        return web.post()
                .uri("/api/v1/intents")
                .header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"Deploy eMBB on edge1\"}")
                .exchange();
    }
}
