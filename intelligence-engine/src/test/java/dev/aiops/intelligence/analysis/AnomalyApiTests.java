package dev.aiops.intelligence.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.intelligence.support.JsonCalls;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntelligenceIntegrationTest
class AnomalyApiTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    /** A calm series (a slow wave with a little jitter) of {@code n} one-minute points, with a spike at {@code at}. */
    static String points(Instant start, int n, int spikeAt, double spike) {
        List<String> items = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            double value = 50 + 5 * Math.sin(i / 20.0) + random.nextGaussian() * 0.3;
            if (i == spikeAt) {
                value = spike;
            }
            items.add(String.format(
                    Locale.ROOT, "{\"timestamp\": \"%s\", \"value\": %.4f}", start.plus(Duration.ofMinutes(i)), value));
        }
        return "[" + String.join(",", items) + "]";
    }

    JsonNode post(String path, String body, int status) {
        return JsonCalls.post(client, json, tokens.as("operator"), path, body, status);
    }

    JsonNode get(String path) {
        String answer = client.get()
                .uri(path)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
        return json.readTree(answer);
    }

    @Nested
    class RawPoints {

        @Test
        void shouldReportTheSpikeWithContractFieldsAndKeepItInTheHistoryWhenPointsHaveOne() {
            UUID cluster = UUID.randomUUID();
            Instant start = Instant.parse("2026-11-28T00:00:00Z");
            String body = """
                    {"cluster_id": "%s", "metric_name": "node_cpu_utilisation", "labels": {"node": "worker-2"},
                     "sensitivity": "MEDIUM", "points": %s}
                    """.formatted(cluster, points(start, 300, 240, 400));

            JsonNode answer = post("/api/v1/analysis/anomaly", body, 200);

            assertThat(answer.path("series_analyzed").asInt()).isEqualTo(1);
            assertThat(answer.path("points_analyzed").asInt()).isEqualTo(300);
            JsonNode anomalies = answer.path("anomalies");
            assertThat(anomalies.size()).isEqualTo(1);
            JsonNode spike = anomalies.get(0);
            assertThat(spike.path("anomaly_type").asString()).isEqualTo("SPIKE");
            assertThat(spike.path("detected_at").asString())
                    .isEqualTo(start.plus(Duration.ofMinutes(240)).toString());
            assertThat(spike.path("actual_value").asDouble()).isEqualTo(400.0);
            assertThat(spike.path("expected_value").asDouble()).isBetween(40.0, 60.0);
            assertThat(spike.path("deviation_percent").asDouble()).isGreaterThan(500.0);
            assertThat(spike.path("confidence_score").asDouble()).isBetween(0.5, 1.0);
            assertThat(spike.path("severity").asString()).isIn("HIGH", "MEDIUM", "LOW");
            assertThat(spike.path("detection_type").asString()).isEqualTo("STATISTICAL");
            assertThat(spike.path("cluster_id").asString()).isEqualTo(cluster.toString());
            assertThat(spike.path("labels").path("node").asString()).isEqualTo("worker-2");
            assertThat(spike.path("explanation").asString()).contains("node_cpu_utilisation", "worker-2");

            JsonNode page = get("/api/v1/analysis/anomalies?cluster_id=" + cluster + "&anomaly_type=SPIKE");
            assertThat(page.path("total").asInt()).isEqualTo(1);
            assertThat(page.path("items").get(0).path("id").asString())
                    .isEqualTo(spike.path("id").asString());
            assertThat(get("/api/v1/analysis/anomalies?cluster_id=" + cluster + "&anomaly_type=DROP")
                            .path("total")
                            .asInt())
                    .isZero();
            assertThat(get("/api/v1/analysis/anomalies/" + spike.path("id").asString())
                            .path("metric_name")
                            .asString())
                    .isEqualTo("node_cpu_utilisation");
        }

        @Test
        void shouldFindNothingInACalmSeries() {
            UUID cluster = UUID.randomUUID();
            String body = """
                    {"cluster_id": "%s", "metric_name": "calm", "points": %s}
                    """.formatted(cluster, points(Instant.parse("2026-11-28T00:00:00Z"), 300, -1, 0));

            JsonNode answer = post("/api/v1/analysis/anomaly", body, 200);

            assertThat(answer.path("anomalies").size()).isZero();
            assertThat(get("/api/v1/analysis/anomalies?cluster_id=" + cluster)
                            .path("total")
                            .asInt())
                    .isZero();
        }

        @Test
        void shouldCallAValueAboveUpperBoundAThresholdBreach() {
            UUID cluster = UUID.randomUUID();
            Instant start = Instant.parse("2026-11-28T00:00:00Z");
            // the wave peaks near 55 while the detector is still warming up: no alarm, but above the 54.9 limit
            String body = """
                    {"cluster_id": "%s", "metric_name": "gpu_temperature", "upper_bound": 54.9, "points": %s}
                    """.formatted(cluster, points(start, 200, -1, 0));

            JsonNode answer = post("/api/v1/analysis/anomaly", body, 200);

            assertThat(answer.path("anomalies").size()).isGreaterThanOrEqualTo(1);
            assertThat(answer.path("anomalies").get(0).path("anomaly_type").asString())
                    .isEqualTo("THRESHOLD_BREACH");
            assertThat(answer.path("anomalies").get(0).path("actual_value").asDouble())
                    .isGreaterThan(54.9);
        }

        @Test
        void shouldPageTheHistoryNewestFirst() {
            UUID cluster = UUID.randomUUID();
            for (int day = 1; day <= 3; day++) {
                post(
                        "/api/v1/analysis/anomaly",
                        """
                        {"cluster_id": "%s", "metric_name": "m", "points": %s}
                        """.formatted(cluster, points(Instant.parse("2026-11-2" + day + "T00:00:00Z"), 300, 240, 400)),
                        200);
            }

            JsonNode first = get("/api/v1/analysis/anomalies?cluster_id=" + cluster + "&page=1&page_size=2");
            JsonNode second = get("/api/v1/analysis/anomalies?cluster_id=" + cluster + "&page=2&page_size=2");

            assertThat(first.path("total").asInt()).isEqualTo(3);
            assertThat(first.path("total_pages").asInt()).isEqualTo(2);
            assertThat(first.path("items").size()).isEqualTo(2);
            assertThat(first.path("items").get(0).path("detected_at").asString())
                    .startsWith("2026-11-23");
            assertThat(second.path("items").get(0).path("detected_at").asString())
                    .startsWith("2026-11-21");
            assertThat(get("/api/v1/analysis/anomalies?cluster_id=" + cluster + "&since=2026-11-22T00:00:00Z"
                                    + "&until=2026-11-23T00:00:00Z")
                            .path("total")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    static Stream<Arguments> invalidRequests() {
        UUID c = UUID.randomUUID();
        String pts = points(Instant.parse("2026-11-28T00:00:00Z"), 40, -1, 0);
        return Stream.of(
                Arguments.of("neither query nor points", "{\"cluster_id\": \"" + c + "\"}", "query"),
                Arguments.of(
                        "both query and points",
                        "{\"query\": \"up\", \"start_time\": \"2026-11-28T00:00:00Z\", \"end_time\": \"2026-11-28T01:00:00Z\","
                                + " \"points\": " + pts + ", \"cluster_id\": \"" + c + "\", \"metric_name\": \"m\"}",
                        "query"),
                Arguments.of(
                        "points without cluster", "{\"metric_name\": \"m\", \"points\": " + pts + "}", "cluster_id"),
                Arguments.of(
                        "points without metric",
                        "{\"cluster_id\": \"" + c + "\", \"points\": " + pts + "}",
                        "metric_name"),
                Arguments.of(
                        "too few points",
                        "{\"cluster_id\": \"" + c + "\", \"metric_name\": \"m\", \"points\": "
                                + points(Instant.parse("2026-11-28T00:00:00Z"), 5, -1, 0) + "}",
                        "points"),
                Arguments.of(
                        "query without start",
                        "{\"query\": \"up\", \"end_time\": \"2026-11-28T01:00:00Z\"}",
                        "start_time"),
                Arguments.of(
                        "end before start",
                        "{\"query\": \"up\", \"start_time\": \"2026-11-28T02:00:00Z\", \"end_time\": \"2026-11-28T01:00:00Z\"}",
                        "end_time"),
                Arguments.of(
                        "unknown sensitivity",
                        "{\"cluster_id\": \"" + c
                                + "\", \"metric_name\": \"m\", \"sensitivity\": \"PARANOID\", \"points\": " + pts + "}",
                        "sensitivity"),
                Arguments.of(
                        "bad step",
                        "{\"query\": \"up\", \"start_time\": \"2026-11-28T00:00:00Z\", \"end_time\": \"2026-11-28T01:00:00Z\","
                                + " \"step\": \"one minute\"}",
                        "step"),
                Arguments.of(
                        "too many steps",
                        "{\"query\": \"up\", \"start_time\": \"2026-11-01T00:00:00Z\", \"end_time\": \"2026-11-28T01:00:00Z\","
                                + " \"step\": \"15s\"}",
                        "step"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void shouldAnswer400NamingTheFieldAndStoreNothingWhenTheRequestIsInvalid(String name, String body, String field) {
        Integer before = jdbc.queryForObject("select count(*) from anomaly", Integer.class);

        JsonNode problem = post("/api/v1/analysis/anomaly", body, 400);

        assertThat(problem.path("code").asString()).isIn("VALIDATION_FAILED", "MALFORMED_REQUEST");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).as(problem.toString()).anySatisfy(f -> assertThat(f).startsWith(field));
        assertThat(problem.toString()).doesNotContain("Exception");
        assertThat(jdbc.queryForObject("select count(*) from anomaly", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void shouldAnswer400WhenThePageSizeIsOutOfRange() {
        client.get()
                .uri("/api/v1/analysis/anomalies?page_size=500")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void shouldLeaveRunningAnAnalysisToOperators() {
        client.post()
                .uri("/api/v1/analysis/anomaly")
                .headers(tokens.as("viewer"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"query\": \"up\"}")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void shouldRefuseCallersWithoutAToken() {
        client.get().uri("/api/v1/analysis/anomalies").exchange().expectStatus().isUnauthorized();
    }

    @Nested
    class ThroughTheCollector {

        private static UUID clusterId;
        private static String clusterName;

        @BeforeEach
        void collector() {
            if (clusterId == null) {
                CollectorRanges.start();
                clusterName = Fleet.uniqueName("anomaly");
                clusterId = CollectorRanges.registerCluster(tokens.token("admin"), clusterName);
                CollectorRanges.awaitKnown(clusterId, tokens.token("viewer"));
            }
        }

        @Test
        void shouldFindTheSpikeOfAPromQlRangeFetchedThroughTheRealCollector() {
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(6));
            Instant spike = start.plus(Duration.ofMinutes(300));
            // computed by Prometheus from time(): a 12-minute wave around 10 (the first quarter of the range, which
            // the detector learns from, holds several periods) with a 4-minute jump to 60 at `spike`
            String query =
                    "10 + sin(vector(time()) / 120) + 50 * (vector(time()) >= bool %d) * (vector(time()) < bool %d)"
                            .formatted(
                                    spike.getEpochSecond(),
                                    spike.plus(Duration.ofMinutes(4)).getEpochSecond());
            String body = """
                    {"query": "%s", "cluster_ids": ["%s"], "start_time": "%s", "end_time": "%s", "step": "1m",
                     "sensitivity": "HIGH"}
                    """.formatted(query, clusterId, start, start.plus(Duration.ofHours(6)));

            JsonNode answer = post("/api/v1/analysis/anomaly", body, 200);

            assertThat(answer.path("warnings").size()).as(answer.toString()).isZero();
            assertThat(answer.path("series_analyzed").asInt()).isEqualTo(1);
            assertThat(answer.path("points_analyzed").asInt()).isGreaterThanOrEqualTo(360);
            JsonNode anomalies = answer.path("anomalies");
            assertThat(anomalies.size()).as(answer.toString()).isEqualTo(1);
            JsonNode found = anomalies.get(0);
            assertThat(found.path("detected_at").asString()).isEqualTo(spike.toString());
            assertThat(found.path("anomaly_type").asString()).isEqualTo("SPIKE");
            assertThat(found.path("cluster_id").asString()).isEqualTo(clusterId.toString());
            assertThat(found.path("labels").path("cluster").asString()).isEqualTo(clusterName);
            assertThat(found.path("actual_value").asDouble()).isBetween(58.0, 62.0);
        }

        @Test
        void shouldAnswer400NamingQueryWhenTheCollectorRefusesThePromQl() {
            Instant start = Instant.now().minus(Duration.ofHours(1));
            String body = """
                    {"query": "sum(rate(up[5m]", "cluster_ids": ["%s"], "start_time": "%s", "end_time": "%s"}
                    """.formatted(clusterId, start, start.plus(Duration.ofMinutes(50)));

            JsonNode problem = post("/api/v1/analysis/anomaly", body, 400);

            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("query");
        }
    }
}
