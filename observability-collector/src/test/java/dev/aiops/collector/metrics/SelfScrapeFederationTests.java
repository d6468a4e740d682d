package dev.aiops.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.PrometheusServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A real Prometheus scraping the collector's own {@code /actuator/prometheus}, registered as a cluster: the
 * scrape succeeds (Prometheus before 2.43 drops a whole scrape that carries exemplars on {@code _count}
 * series, which Micrometer writes by default), and the E2 KPM gauges come back through the federated API
 * labelled with that cluster.
 */
class SelfScrapeFederationTests extends FederationIntegrationTest {

    @Autowired
    Tokens tokens;

    @Autowired
    RestTestClient client;

    @LocalServerPort
    int port;

    @Test
    void shouldAnswerTheCollectorsKpmGaugesThroughTheFederatedApi() {
        String node = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
        client.post()
                .uri("/api/v1/kpm/reports")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"node_id": "%s", "cell_id": "c7", "timestamp": "%s", "granularity_period_ms": 1000,
                         "measurements": {"RRC.ConnMean": 17}}
                        """.formatted(node, Instant.now()))
                .exchange()
                .expectStatus()
                .isAccepted();

        try (PrometheusServer prometheus = PrometheusServer.builder()
                .interval(Duration.ofSeconds(1))
                .scrapeTarget("collector", "127.0.0.1:" + port, "/actuator/prometheus")
                .start()) {
            String cluster = "self-" + node;
            FIXTURE.register(tokens.token("operator"), cluster, prometheus.url().toString());

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(prometheus.query("up{job=\"collector\"}"))
                            .as("the scrape of the collector succeeds: %s", prometheus.log())
                            .contains("\"value\":[")
                            .contains(",\"1\"]"));

            String query = "e2_kpm_ue_count{node_id=\"" + node + "\"}";
            URI federated = URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/query?query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8));
            // the window closes 30 s after it opened, then the next scrape carries the gauge
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(
                                    PromJson.vector(PromJson.get(federated, "Bearer " + tokens.token("viewer")))
                                            .entrySet())
                            .anySatisfy(series -> {
                                assertThat(series.getKey())
                                        .containsEntry("__name__", "e2_kpm_ue_count")
                                        .containsEntry("node_id", node)
                                        .containsEntry("cell_id", "c7")
                                        .containsEntry("job", "collector")
                                        .containsEntry("cluster", cluster);
                                assertThat(series.getValue()).isEqualTo(17.0);
                            }));
        }
    }
}
