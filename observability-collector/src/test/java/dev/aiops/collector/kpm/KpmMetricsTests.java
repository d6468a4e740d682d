package dev.aiops.collector.kpm;

import static org.awaitility.Awaitility.await;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The e2_kpm_* gauges of a closed window on the collector's own /actuator/prometheus, labelled by node and
 * cell. A real Prometheus scraping them through the federated API: {@code SelfScrapeFederationTests}.
 */
@CollectorIntegrationTest
class KpmMetricsTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Test
    void shouldExportTheClosedWindowAsE2KpmGauges() {
        String node = "gnb-" + UUID.randomUUID().toString().substring(0, 8);
        client.post()
                .uri("/api/v1/kpm/reports")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"node_id": "%s", "cell_id": "c1", "timestamp": "%s", "granularity_period_ms": 1000,
                         "measurements": {"DRB.RlcSduDelayDl": 12.5, "RRU.PrbTotDl": 63, "RRC.ConnMean": 41}}
                        """.formatted(node, Instant.now()))
                .exchange()
                .expectStatus()
                .isAccepted();

        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> client.get()
                                .uri("/actuator/prometheus")
                                .exchange()
                                .expectBody(String.class)
                                .returnResult()
                                .getResponseBody(),
                        body -> body != null
                                && body.contains("e2_kpm_ue_count{cell_id=\"c1\",node_id=\"" + node + "\"} 41.0")
                                && body.contains("e2_kpm_prb_utilization{cell_id=\"c1\",node_id=\"" + node + "\"} 0.63")
                                && body.contains(
                                        "e2_kpm_p95_latency_ms{cell_id=\"c1\",node_id=\"" + node + "\"} 12.5"));
    }
}
