package dev.aiops.collector.kpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** KPM reports through the real HTTP API; the closed window must appear on the real Redis KPM stream. */
@CollectorIntegrationTest
class KpmIngestionTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Test
    void shouldStreamTheClosedWindowWithItsAggregatesOnce() {
        String node = "gnb-" + UUID.randomUUID();
        Instant now = Instant.now();
        Instant start = KpmService.windowStart(now);
        StringBuilder reports = new StringBuilder();
        // 20 reports of one window: latency 1..20 ms, PRB 40..59 %, 10..29 UEs
        for (int i = 0; i < 20; i++) {
            if (i > 0) {
                reports.append(',');
            }
            reports.append(report(node, "cell-1", start.plusMillis(i), 1 + i, 40 + i, 10 + i));
        }
        client.post()
                .uri("/api/v1/kpm/reports/batch")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"reports\": [" + reports + "]}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .json("{\"accepted\": 20, \"stale\": 0, \"late\": 0}");

        JsonNode payload = await().atMost(Duration.ofSeconds(45))
                .until(() -> windows(node), w -> !w.isEmpty())
                .get(0);

        assertThat(payload.path("node_id").asString()).isEqualTo(node);
        assertThat(payload.path("cell_id").asString()).isEqualTo("cell-1");
        assertThat(Instant.parse(payload.path("timestamp").asString())).isEqualTo(start.plusSeconds(30));
        // percentile_cont(0.95) of 1..20 = 19.05
        assertThat(payload.path("p95_latency_ms").asDouble()).isCloseTo(19.05, within(1e-9));
        // mean of 40..59 % = 49.5 %
        assertThat(payload.path("prb_utilization").asDouble()).isCloseTo(0.495, within(1e-9));
        assertThat(payload.path("ue_count").asInt()).isEqualTo(20); // mean 19.5, rounded
        assertThat(payload.path("counters").path("RRC.ConnMean").asDouble()).isCloseTo(19.5, within(1e-9));
        // the window's key makes it streamed once, so the envelope id is the contract's random UUID v4
        assertThat(redis.opsForStream().range(EventDomain.KPM.stream(), Range.unbounded()).stream()
                        .map(record ->
                                json.readTree(String.valueOf(record.getValue().get("envelope"))))
                        .filter(envelope -> envelope.path("payload")
                                .path("node_id")
                                .asString()
                                .equals(node))
                        .map(envelope -> UUID.fromString(
                                        envelope.path("event_id").asString())
                                .version()))
                .containsExactly(4);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(windows(node)).hasSize(1));
        assertThat(jdbc.queryForObject("select count(*) from kpm_sample where node_id = ?", Long.class, node))
                .isZero();
    }

    @Test
    void shouldNeverStreamAWindowForStaleReports() {
        String node = "gnb-" + UUID.randomUUID();
        client.post()
                .uri("/api/v1/kpm/reports")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(report(node, "cell-1", Instant.now().minusSeconds(120), 5, 50, 10))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .json("{\"accepted\": 0, \"stale\": 1, \"late\": 0}");

        assertThat(jdbc.queryForObject("select count(*) from kpm_sample where node_id = ?", Long.class, node))
                .isZero();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(windows(node)).isEmpty());
    }

    @Test
    void shouldRefuseAReportWithoutNode() {
        client.post()
                .uri("/api/v1/kpm/reports")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"cell_id\": \"c\", \"timestamp\": \"" + Instant.now()
                        + "\", \"measurements\": {\"RRC.ConnMean\": 3}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("node_id");
    }

    @Test
    void shouldMapTs28552MeasurementsToThePlatformMetrics() {
        assertThat(KpmMapping.prbUtilization(java.util.Map.of("RRU.PrbTotDl", 73.0)))
                .isEqualTo(0.73);
        assertThat(KpmMapping.prbUtilization(java.util.Map.of("RRU.PrbUsedDl", 60.0, "RRU.PrbAvailDl", 120.0)))
                .isEqualTo(0.5);
        assertThat(KpmMapping.prbUtilization(java.util.Map.of("RRU.PrbTotDl", 130.0)))
                .isEqualTo(1.0);
        assertThat(KpmMapping.prbUtilization(java.util.Map.of("DRB.UEThpDl", 1.0)))
                .isNull();
    }

    private static String report(String node, String cell, Instant at, double latency, double prbPercent, double ues) {
        return """
                {"node_id": "%s", "cell_id": "%s", "timestamp": "%s", "granularity_period_ms": 1000,
                 "measurements": {"DRB.UEThpDl": 120000.0, "DRB.RlcSduDelayDl": %s, "RRU.PrbUsedDl": 80,
                                  "RRU.PrbTotDl": %s, "RRC.ConnMean": %s}}
                """.formatted(node, cell, at, latency, prbPercent, ues);
    }

    private List<JsonNode> windows(String node) {
        return redis.opsForStream().range(EventDomain.KPM.stream(), Range.unbounded()).stream()
                .map(record -> json.readTree(String.valueOf(record.getValue().get("envelope"))))
                .filter(envelope -> envelope.path("event_type").asString().equals("KPM_REPORT"))
                .map(envelope -> envelope.path("payload"))
                .filter(payload -> payload.path("node_id").asString().equals(node))
                .toList();
    }
}
