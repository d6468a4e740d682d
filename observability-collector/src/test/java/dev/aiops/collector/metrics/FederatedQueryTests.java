package dev.aiops.collector.metrics;

import static dev.aiops.collector.metrics.PromJson.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Federated queries against three real Prometheus servers registered through the real registry, compared
 * with the same queries sent to each Prometheus directly and to a global Prometheus scraping every target.
 */
class FederatedQueryTests extends FederationIntegrationTest {

    @Autowired
    Tokens tokens;

    @LocalServerPort
    int port;

    String viewer;
    Instant at;

    @BeforeEach
    void fleetRegistered() {
        FIXTURE.registerClusters(tokens.token("operator"));
        viewer = "Bearer " + tokens.token("viewer");
        // a whole second, safely after every Prometheus has scraped
        at = Instant.ofEpochSecond(Instant.now().getEpochSecond() - 1);
    }

    JsonNode federated(String query) {
        return PromJson.get(
                URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/query?query=" + enc(query) + "&time="
                        + at.getEpochSecond()),
                viewer);
    }

    JsonNode direct(URI prometheus, String query) {
        return PromJson.get(
                prometheus.resolve("/api/v1/query?query=" + enc(query) + "&time=" + at.getEpochSecond()), null);
    }

    @Nested
    class Union {

        @ParameterizedTest
        @ValueSource(strings = {"aiops_test_load", "aiops_test_requests_total{code=\"500\"}", "aiops_test_info"})
        void shouldEqualTheUnionOfDirectQueriesWithAClusterLabel(String query) {
            Map<Map<String, String>, Double> expected = new java.util.HashMap<>();
            for (String cluster : FIXTURE.clusterNames()) {
                PromJson.vector(direct(FIXTURE.fleet().prometheus(cluster).url(), query))
                        .forEach((labels, value) -> {
                            Map<String, String> withCluster = new TreeMap<>(labels);
                            if (withCluster.containsKey("cluster")) {
                                withCluster.put("exported_cluster", withCluster.remove("cluster"));
                            }
                            withCluster.put("cluster", cluster);
                            expected.put(withCluster, value);
                        });
            }
            assertThat(expected).isNotEmpty();

            PromJson.assertSameVector(query, expected, PromJson.vector(federated(query)));
        }

        @Test
        void shouldKeepASourceClusterLabelAsExportedCluster() {
            Map<Map<String, String>, Double> result = PromJson.vector(federated("aiops_test_info"));

            assertThat(result.keySet())
                    .singleElement()
                    .satisfies(labels -> assertThat(labels)
                            .containsEntry("exported_cluster", "legacy-dc")
                            .containsEntry("cluster", FIXTURE.alpha()));
        }

        @Test
        void shouldQueryOnlyTheClustersASelectorPins() {
            JsonNode one = ourQuery("{\"query\": \"aiops_test_load{cluster=\\\"" + FIXTURE.beta() + "\\\"}\"}");
            assertThat(one.path("clusters_queried").asInt()).isEqualTo(1);
            assertThat(one.path("results").get(0).path("cluster_name").asString())
                    .isEqualTo(FIXTURE.beta());
            assertThat(one.path("results").get(0).path("data").size()).isEqualTo(10);

            JsonNode two = ourQuery("{\"query\": \"count(aiops_test_load{cluster=~\\\"" + FIXTURE.alpha() + "|"
                    + FIXTURE.gamma() + "\\\"})\"}");
            assertThat(two.path("clusters_queried").asInt()).isEqualTo(2);
            assertThat(two.path("fleet_result")
                            .path("data")
                            .get(0)
                            .path("value")
                            .get(1)
                            .asString())
                    .isEqualTo("15");
        }

        @Test
        void shouldReportEachClusterWithItsStatusAndTimeOnThePlatformApi() {
            JsonNode answer = ourQuery("{\"query\": \"aiops_test_temperature\", \"cluster_ids\": ["
                    + FIXTURE.ids().stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")) + "]}");

            assertThat(answer.path("clusters_queried").asInt()).isEqualTo(3);
            assertThat(answer.path("clusters_succeeded").asInt()).isEqualTo(3);
            for (JsonNode result : answer.path("results")) {
                assertThat(result.path("status").asString()).isEqualTo("SUCCESS");
                assertThat(result.path("result_type").asString()).isEqualTo("VECTOR");
                assertThat(result.path("query_time_ms").isNumber()).isTrue();
                assertThat(result.path("data")
                                .get(0)
                                .path("metric")
                                .path("cluster")
                                .asString())
                        .isEqualTo(result.path("cluster_name").asString());
            }
        }
    }

    @Nested
    class Aggregations {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "sum(aiops_test_load)",
                    "sum by (mode) (aiops_test_load)",
                    "sum by (cluster) (aiops_test_load)",
                    "sum without (instance) (aiops_test_load)",
                    "sum without (instance, cluster) (aiops_test_load)",
                    "count(aiops_test_load)",
                    "count by (mode) (aiops_test_load)",
                    "min(aiops_test_load)",
                    "max by (mode) (aiops_test_load)",
                    "min without (instance) (aiops_test_load)",
                    "avg(aiops_test_load)",
                    "avg by (mode) (aiops_test_load)",
                    "avg(aiops_test_temperature)",
                    "group by (mode) (aiops_test_load)",
                    "stddev(aiops_test_load)",
                    "stdvar by (mode) (aiops_test_load)",
                    "topk(3, aiops_test_load)",
                    "topk by (mode) (2, aiops_test_load)",
                    "bottomk(2, aiops_test_temperature)",
                    "count_values(\"requests\", aiops_test_requests_total)",
                    "count_values by (code) (\"requests\", aiops_test_requests_total)",
                    "sum(rate(aiops_test_requests_total[1m]))",
                    "(sum by (mode) (aiops_test_load * 2))"
                })
        void shouldEqualWhatOneGlobalPrometheusAnswers(String query) {
            Map<Map<String, String>, Double> expected =
                    PromJson.vector(direct(FIXTURE.global().url(), query));
            assertThat(expected).as("global answer to %s", query).isNotEmpty();

            PromJson.assertSameVector(query, expected, PromJson.vector(federated(query)));
        }

        @Test
        void shouldComputeTheAverageFromSumsAndCountsNotFromAverages() {
            // clusters hold 2, 2 and 1 targets: an average of per-cluster averages would differ
            double expected = PromJson.vector(direct(FIXTURE.global().url(), "avg(aiops_test_temperature)"))
                    .values()
                    .iterator()
                    .next();
            double averageOfAverages = FIXTURE.clusterNames().stream()
                    .mapToDouble(c -> PromJson.vector(
                                    direct(FIXTURE.fleet().prometheus(c).url(), "avg(aiops_test_temperature)"))
                            .values()
                            .iterator()
                            .next())
                    .average()
                    .orElseThrow();
            assertThat(averageOfAverages).isNotCloseTo(expected, within(1e-6));

            assertThat(PromJson.vector(federated("avg(aiops_test_temperature)")).values())
                    .singleElement()
                    .satisfies(v -> assertThat(v).isCloseTo(expected, within(1e-9)));
        }

        @Test
        void shouldEqualTheGlobalPrometheusOverARange() {
            String query = "avg by (mode) (aiops_test_load)";
            // a multiple of the step: the collector aligns ranges to it (so refreshes share cache entries)
            long end = at.getEpochSecond() - at.getEpochSecond() % 2;
            String range = "&start=" + (end - 6) + "&end=" + end + "&step=2";
            JsonNode expected = PromJson.get(
                    FIXTURE.global().url().resolve("/api/v1/query_range?query=" + enc(query) + range), null);
            JsonNode actual = PromJson.get(
                    URI.create(
                            "http://127.0.0.1:" + port + "/prometheus/api/v1/query_range?query=" + enc(query) + range),
                    viewer);

            Map<Map<String, String>, Map<BigDecimal, Double>> want = PromJson.matrix(expected);
            Map<Map<String, String>, Map<BigDecimal, Double>> got = PromJson.matrix(actual);
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
            want.forEach((labels, points) -> {
                assertThat(got.get(labels).keySet()).isEqualTo(points.keySet());
                points.forEach((t, v) -> assertThat(got.get(labels).get(t)).isCloseTo(v, within(1e-9)));
            });
        }

        @Test
        void shouldRejectQuantileAcrossClustersWith422SayingWhy() {
            JsonNode answer = PromJson.get(
                    URI.create("http://127.0.0.1:" + port + "/prometheus/api/v1/query?query="
                            + enc("quantile(0.9, aiops_test_load)")),
                    viewer);
            assertThat(answer.path("_http_status").asInt()).isEqualTo(422);
            assertThat(answer.path("errorType").asString()).isEqualTo("bad_data");
            assertThat(answer.path("error").asString()).contains("quantile across clusters");
        }

        @Test
        void shouldRejectAnAggregationNestedInABinaryOperationOnThePlatformApi() {
            client().post()
                    .uri("/api/v1/metrics/query")
                    .headers(tokens.as("viewer"))
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body("{\"query\": \"sum(aiops_test_load) / count(aiops_test_load)\"}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("QUERY_NOT_FEDERABLE");
        }
    }

    @Autowired
    org.springframework.test.web.servlet.client.RestTestClient restTestClient;

    org.springframework.test.web.servlet.client.RestTestClient client() {
        return restTestClient;
    }

    JsonNode ourQuery(String body) {
        String json = restTestClient
                .post()
                .uri("/api/v1/metrics/query")
                .headers(tokens.as("viewer"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return PromJson.JSON.readTree(json);
    }

    static List<String> names(JsonNode results) {
        return java.util.stream.StreamSupport.stream(results.spliterator(), false)
                .map(r -> r.path("cluster_name").asString())
                .toList();
    }
}
