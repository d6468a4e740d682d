package dev.aiops.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.MetricsEndpoint;
import dev.aiops.testkit.PrometheusServer;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/** Answers come from Redis within the TTL; {@code Cache-Control: no-cache} asks the clusters again. */
class QueryCacheTests extends FederationIntegrationTest {

    @Autowired
    Tokens tokens;

    @Autowired
    RestTestClient client;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void shouldServeTheCachedAnswerUntilNoCacheAsksAgain() {
        try (MetricsEndpoint target = MetricsEndpoint.serving("aiops_cache_probe 1\n");
                PrometheusServer prometheus = PrometheusServer.builder()
                        .scrapeTarget("probe", target.hostPort(), MetricsEndpoint.PATH)
                        .start()) {
            UUID id = FIXTURE.register(
                    tokens.token("operator"),
                    "cache-" + UUID.randomUUID().toString().substring(0, 8),
                    prometheus.url().toString());
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> prometheus.query("aiops_cache_probe").contains("\"1\""));
                assertThat(value(id, false)).isEqualTo("1");

                target.serve("aiops_cache_probe 2\n");
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> prometheus.query("aiops_cache_probe").contains("\"2\""));

                assertThat(value(id, false)).as("within the 30 s TTL").isEqualTo("1");
                assertThat(value(id, true)).as("Cache-Control: no-cache").isEqualTo("2");
                assertThat(value(id, false))
                        .as("the fresh answer replaced the cached one")
                        .isEqualTo("2");

                Set<String> keys = redis.keys(QueryCache.PREFIX + "*");
                assertThat(keys).isNotEmpty();
                assertThat(keys.stream()
                                .mapToLong(k -> redis.getExpire(k))
                                .max()
                                .orElseThrow())
                        .isBetween(1L, 60L * 5);
            } finally {
                FIXTURE.delete(tokens.token("admin"), id);
            }
        }
    }

    @Test
    void shouldAlignRangeQueriesToTheStepSoRefreshesShareOneKey() {
        FederatedRequest a = new FederatedRequest(
                "up",
                java.util.List.of(),
                null,
                java.time.Instant.ofEpochSecond(1000),
                java.time.Instant.ofEpochSecond(2000),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                false,
                false);
        FederatedRequest b = new FederatedRequest(
                "up",
                java.util.List.of(),
                null,
                java.time.Instant.ofEpochSecond(1010),
                java.time.Instant.ofEpochSecond(2015),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                false,
                false);

        assertThat(a.alignedToStep().start())
                .isEqualTo(b.alignedToStep().start())
                .isEqualTo(java.time.Instant.ofEpochSecond(960));
        assertThat(a.alignedToStep().end())
                .isEqualTo(b.alignedToStep().end())
                .isEqualTo(java.time.Instant.ofEpochSecond(1980));
        assertThat(QueryCache.ttl(a)).isEqualTo(Duration.ofSeconds(60));
    }

    private String value(UUID cluster, boolean noCache) {
        RestTestClient.RequestBodySpec request = client.post()
                .uri("/api/v1/metrics/query")
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON);
        if (noCache) {
            request.header("Cache-Control", "no-cache");
        }
        JsonNode answer = request.body("{\"query\": \"aiops_cache_probe\", \"cluster_ids\": [\"" + cluster + "\"]}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode data = answer.path("results").get(0).path("data");
        return data.isEmpty() ? "" : data.get(0).path("value").get(1).asString();
    }
}
