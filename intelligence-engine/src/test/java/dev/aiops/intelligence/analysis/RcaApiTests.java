package dev.aiops.intelligence.analysis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.intelligence.support.JsonCalls;
import dev.aiops.intelligence.support.TestServices;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.ProcessedEventsProbe;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Root-cause analysis over a node failure: the cluster is registered in the real registry; the collector's
 * alerts and pod placement, the intent service's CNFs and intents and porch-adapter's package revisions come
 * from the WireMock stand-in, in their contracts' shapes (snake_case, paged lists).
 */
@IntelligenceIntegrationTest
class RcaApiTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    UUID clusterId;
    String clusterName;
    Instant now;
    String nodeAlert;
    String podAlert;

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static String page(String... items) {
        return "{\"items\": [" + String.join(",", items) + "], \"total\": " + items.length
                + ", \"page\": 1, \"page_size\": 100, \"total_pages\": " + (items.length == 0 ? 0 : 1) + "}";
    }

    String alert(String fingerprint, String name, String labels, Instant startsAt) {
        return """
                {"id": "%s", "fingerprint": "%s", "cluster_id": "%s", "cluster_name": "%s", "alertname": "%s",
                 "severity": "CRITICAL", "state": "FIRING", "labels": {%s}, "annotations": {},
                 "starts_at": "%s", "ends_at": null, "generator_url": "http://prometheus:9090/graph"}
                """.formatted(UUID.randomUUID(), fingerprint, clusterId, clusterName, name, labels, startsAt);
    }

    String placement(String namespace, String pod, String node) {
        return """
                {"metric": {"__name__": "kube_pod_info", "namespace": "%s", "pod": "%s", "node": "%s", "cluster": "%s"},
                 "value": [%d, "1"]}
                """.formatted(namespace, pod, node, clusterName, now.getEpochSecond());
    }

    @BeforeEach
    void nodeFailure() {
        clusterName = Fleet.uniqueName("rca");
        clusterId = Fleet.register(tokens.token("admin"), clusterName, "EDGE");
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        nodeAlert = Long.toHexString(System.nanoTime()) + "a";
        podAlert = Long.toHexString(System.nanoTime()) + "b";
        String backgroundAlert = Long.toHexString(System.nanoTime()) + "c";
        var wire = TestServices.platform();
        String nodeDown =
                alert(nodeAlert, "KubeNodeNotReady", "\"node\": \"worker-2\"", now.minus(Duration.ofMinutes(20)));
        String crash = alert(
                podAlert,
                "KubePodCrashLooping",
                "\"namespace\": \"open5gs\", \"pod\": \"upf-edge-7c9f8d-x2k4q\"",
                now.minus(Duration.ofMinutes(17)));
        String background = alert(
                backgroundAlert,
                "KubeContainerWaiting",
                "\"namespace\": \"jobs\", \"pod\": \"batch-1-abcd\"",
                now.minus(Duration.ofMinutes(40)));
        wire.stubFor(get(urlPathEqualTo("/api/v1/alerts"))
                .withQueryParam("cluster_id", equalTo(clusterId.toString()))
                .willReturn(ok(page(crash, nodeDown, background))));
        wire.stubFor(get(urlPathEqualTo("/api/v1/alerts/" + podAlert)).willReturn(ok(crash)));
        wire.stubFor(get(urlPathEqualTo("/api/v1/alerts/" + nodeAlert)).willReturn(ok(nodeDown)));
        wire.stubFor(get(urlPathEqualTo("/api/v1/fcaps/events")).willReturn(ok(page())));
        wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/api/v1/metrics/query"))
                .atPriority(1)
                .withRequestBody(containing("kube_pod_info"))
                .withRequestBody(containing(clusterId.toString()))
                .willReturn(ok("""
                        {"results": [{"cluster_id": "%s", "cluster_name": "%s", "status": "SUCCESS", "result_type": "VECTOR",
                          "data": [%s, %s, %s, %s], "error": null, "query_time_ms": 4}],
                         "total_query_time_ms": 5, "clusters_queried": 1, "clusters_succeeded": 1, "warnings": []}
                        """.formatted(
                                clusterId,
                                clusterName,
                                placement("open5gs", "upf-edge-7c9f8d-x2k4q", "worker-2"),
                                placement("open5gs", "upf-edge-7c9f8d-p9m2z", "worker-1"),
                                placement("open5gs", "smf-core-5b6d7f-q8r7s", "worker-1"),
                                placement("jobs", "batch-1-abcd", "worker-1")))));
        String intentId = UUID.randomUUID().toString();
        wire.stubFor(get(urlPathEqualTo("/api/v1/cnfs"))
                .willReturn(ok(page(
                        """
                {"id": "%s", "name": "upf-edge", "function": "UPF", "cluster_id": "%s", "cluster_name": "%s",
                 "site": "edge", "namespace": "open5gs", "state": "DEGRADED", "status_message": null, "replicas": 2,
                 "ready_replicas": 1, "intent_id": "%s", "package_name": "upf-edge-pkg",
                 "package_revision_name": "upf-edge-pkg-v3", "package_revision": 3, "last_error": null,
                 "last_error_kind": null, "conditions": [],
                 "history": [{"from": "ACTIVE", "to": "DEGRADED", "reason": "replicas not ready", "at": "%s"}],
                 "created_at": "2026-11-01T00:00:00Z", "updated_at": "%s"}
                """.formatted(
                                        UUID.randomUUID(),
                                        clusterId,
                                        clusterName,
                                        intentId,
                                        now.minus(Duration.ofMinutes(15)),
                                        now),
                        """
                {"id": "%s", "name": "smf-core", "function": "SMF", "cluster_id": "%s", "cluster_name": "%s",
                 "site": "edge", "namespace": "open5gs", "state": "ACTIVE", "status_message": null, "replicas": 1,
                 "ready_replicas": 1, "intent_id": null, "package_name": "smf-core-pkg",
                 "package_revision_name": "smf-core-pkg-v5", "package_revision": 5, "last_error": null,
                 "last_error_kind": null, "conditions": [], "history": [],
                 "created_at": "2026-11-01T00:00:00Z", "updated_at": "%s"}
                """.formatted(UUID.randomUUID(), clusterId, clusterName, now)))));
        wire.stubFor(get(urlPathEqualTo("/api/v1/intents")).willReturn(ok(page())));
        // an unrelated rollout 50 minutes earlier, on another CNF
        wire.stubFor(get(urlPathEqualTo("/api/v1/packages")).willReturn(ok(page("""
                {"name": "smf-core-pkg-v5", "package_name": "smf-core-pkg", "repository": "deployments",
                 "workspace_name": "ws-5", "revision": 5, "lifecycle": "PUBLISHED", "site": "edge",
                 "created_at": "%s", "updated_at": "%s"}
                """.formatted(
                        now.minus(Duration.ofMinutes(70)), now.minus(Duration.ofMinutes(50)))))));
    }

    JsonNode post(String path, String body, int status) {
        return JsonCalls.post(client, json, tokens.as("operator"), path, body, status);
    }

    @Test
    void shouldNameTheFailedNodeAsTheRootCauseOfAPodAlertAndAnnounceIt() {
        JsonNode result = post("/api/v1/analysis/rca", "{\"alert_fingerprint\": \"" + podAlert + "\"}", 200);

        assertThat(result.path("warnings").size()).as(result.toString()).isZero();
        assertThat(result.path("cluster_id").asString()).isEqualTo(clusterId.toString());
        assertThat(result.path("cluster_name").asString()).isEqualTo(clusterName);
        assertThat(result.path("trigger_kind").asString()).isEqualTo("ALERT");
        JsonNode top = result.path("causes").get(0);
        assertThat(top.path("object_id").asString())
                .as(result.toString())
                .isEqualTo("node/" + clusterName + "/worker-2");
        assertThat(top.path("object_kind").asString()).isEqualTo("NODE");
        assertThat(top.path("rank").asInt()).isEqualTo(1);
        assertThat(top.path("confidence").asDouble())
                .isGreaterThan(result.path("causes").get(1).path("confidence").asDouble());
        assertThat(top.path("explained_objects").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(top.path("explanation").asString()).contains("KubeNodeNotReady");
        assertThat(top.path("recommendation").asString()).isNotBlank();
        assertThat(top.path("evidence").get(0).path("reference").asString()).isEqualTo("alert:" + nodeAlert);
        assertThat(top.path("evidence").get(0).path("kind").asString()).isEqualTo("FAULT");
        assertThat(result.path("explanation_source").asString()).isEqualTo("TEMPLATE");

        String analysisId = result.path("analysis_id").asString();
        assertThat(jdbc.queryForObject(
                        "select count(*) from rca_analysis where id = ?::uuid", Integer.class, analysisId))
                .isEqualTo(1);
        Awaitility.await("RCA_COMPLETE published")
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from outbox_event where event_type = 'RCA_COMPLETE'"
                                        + " and published_at is not null and envelope like ?",
                                Integer.class,
                                "%" + analysisId + "%")
                        == 1);
        String envelope = jdbc.queryForObject(
                "select envelope from outbox_event where event_type = 'RCA_COMPLETE' and envelope like ?",
                String.class,
                "%" + analysisId + "%");
        JsonNode payload = json.readTree(envelope).path("payload");
        assertThat(payload.path("cluster_id").asString()).isEqualTo(clusterId.toString());
        assertThat(payload.path("related_alerts").toString()).contains(podAlert, nodeAlert);
        assertThat(payload.path("probable_causes").get(0).asString()).startsWith("node/" + clusterName + "/worker-2");
        assertThat(payload.path("confidence_score").asDouble())
                .isEqualTo(top.path("confidence").asDouble());
    }

    /** ALERT_FIRED on the alert stream, as the collector publishes it. */
    @Nested
    class WhenAnAlertFires {

        @Autowired
        EventBus bus;

        @Autowired
        DataSource dataSource;

        EventEnvelope<Alert> fired(String fingerprint, AlertSeverity severity) throws Exception {
            Alert alert = new Alert(
                    UUID.randomUUID(),
                    fingerprint,
                    clusterId,
                    clusterName,
                    "KubePodCrashLooping",
                    severity,
                    AlertState.FIRING,
                    Map.of("namespace", "open5gs", "pod", "upf-edge-7c9f8d-x2k4q"),
                    Map.of(),
                    now.minus(Duration.ofMinutes(17)),
                    null,
                    null);
            EventEnvelope<Alert> event =
                    EventEnvelope.of(EventType.ALERT_FIRED, "observability-collector", clusterId, alert);
            bus.append(event);
            assertThat(ProcessedEventsProbe.awaitProcessed(
                            dataSource, AnalysisConfiguration.CONSUMER_GROUP, event.eventId()))
                    .as("processed_event row of group intelligence-engine")
                    .isEqualTo(1);
            return event;
        }

        List<String> analysesOf(String fingerprint) {
            return jdbc.queryForList(
                    "select id::text from rca_analysis where trigger_kind = 'ALERT' and trigger_ref = ?"
                            + " and created_by = ?",
                    String.class,
                    fingerprint,
                    AlertTriggers.ANALYST);
        }

        @Test
        void shouldAnalyseACriticalAlertAtOnceAndAnnounceTheCause() throws Exception {
            fired(podAlert, AlertSeverity.CRITICAL);

            List<String> analyses = analysesOf(podAlert);
            assertThat(analyses).hasSize(1);
            JsonNode result = json.readTree(jdbc.queryForObject(
                    "select result::text from rca_analysis where id = ?::uuid", String.class, analyses.get(0)));
            assertThat(result.path("causes").get(0).path("object_id").asString())
                    .as(result.toString())
                    .isEqualTo("node/" + clusterName + "/worker-2");
            Awaitility.await("RCA_COMPLETE published")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from outbox_event where event_type = 'RCA_COMPLETE'"
                                            + " and published_at is not null and envelope like ?",
                                    Integer.class,
                                    "%" + analyses.get(0) + "%")
                            == 1);
        }

        @Test
        void shouldNotAnalyseTheSameAlertAgainWhenItFiresAgainSoon() throws Exception {
            fired(podAlert, AlertSeverity.CRITICAL);
            fired(podAlert, AlertSeverity.CRITICAL);

            assertThat(analysesOf(podAlert)).hasSize(1);
        }

        @Test
        void shouldLeaveWarningsToBeAnalysedOnRequest() throws Exception {
            fired(nodeAlert, AlertSeverity.WARNING);

            assertThat(analysesOf(nodeAlert)).isEmpty();
        }

        @Test
        void shouldAcknowledgeAnAlertTheCollectorNoLongerKnows() throws Exception {
            String gone = Long.toHexString(System.nanoTime()) + "d";
            TestServices.platform()
                    .stubFor(
                            get(urlPathEqualTo("/api/v1/alerts/" + gone))
                                    .willReturn(
                                            aResponse()
                                                    .withStatus(404)
                                                    .withHeader("Content-Type", "application/problem+json")
                                                    .withBody(
                                                            "{\"title\": \"Alert not found\", \"status\": 404, \"code\": \"ALERT_NOT_FOUND\"}")));

            fired(gone, AlertSeverity.CRITICAL);

            assertThat(analysesOf(gone)).isEmpty();
        }
    }

    @Test
    void shouldRankAClusterWindowTheSameWay() {
        String body = """
                {"cluster_id": "%s", "start_time": "%s", "end_time": "%s"}
                """.formatted(clusterId, now.minus(Duration.ofHours(1)), now);

        JsonNode result = post("/api/v1/analysis/rca", body, 200);

        assertThat(result.path("trigger_kind").asString()).isEqualTo("WINDOW");
        assertThat(result.path("causes").get(0).path("object_id").asString())
                .isEqualTo("node/" + clusterName + "/worker-2");
    }

    @Test
    void shouldRankWithWhatItCanReadAndSayWhichSourceFailed() {
        TestServices.platform()
                .stubFor(get(urlPathEqualTo("/api/v1/packages"))
                        .willReturn(aResponse()
                                .withStatus(503)
                                .withHeader("Content-Type", "application/problem+json")
                                .withBody(
                                        "{\"title\": \"Service unavailable\", \"status\": 503, \"code\": \"SERVICE_UNAVAILABLE\","
                                                + " \"detail\": \"Porch is not reachable\"}")));

        JsonNode result = post("/api/v1/analysis/rca", "{\"alert_fingerprint\": \"" + podAlert + "\"}", 200);

        assertThat(result.path("warnings").toString()).contains("porch-adapter", "503");
        assertThat(result.path("causes").get(0).path("object_id").asString())
                .isEqualTo("node/" + clusterName + "/worker-2");
    }

    @Test
    void shouldExplainAnAlertWithItsMostLikelyCause() {
        JsonNode answer = post("/api/v1/analysis/explain", "{\"alert_fingerprint\": \"" + podAlert + "\"}", 200);

        assertThat(answer.path("subject_kind").asString()).isEqualTo("ALERT");
        assertThat(answer.path("probable_cause").asString()).isEqualTo("node/" + clusterName + "/worker-2");
        assertThat(answer.path("explanation").asString())
                .contains(clusterName, "KubeNodeNotReady", "Most likely cause");
        assertThat(answer.path("source").asString()).isEqualTo("TEMPLATE");
    }

    @Test
    void shouldExplainAStoredAnomaly() {
        JsonNode detected = post(
                "/api/v1/analysis/anomaly",
                """
                {"cluster_id": "%s", "metric_name": "node_memory_utilisation", "labels": {"node": "worker-2"},
                 "points": %s}
                """.formatted(clusterId, AnomalyApiTests.points(now.minus(Duration.ofMinutes(300)), 290, 280, 400)),
                200);
        String anomalyId = detected.path("anomalies").get(0).path("id").asString();

        JsonNode answer = post("/api/v1/analysis/explain", "{\"anomaly_id\": \"" + anomalyId + "\"}", 200);

        assertThat(answer.path("subject_kind").asString()).isEqualTo("ANOMALY");
        assertThat(answer.path("subject_ref").asString()).isEqualTo(anomalyId);
        assertThat(answer.path("explanation").asString())
                .contains("node_memory_utilisation", "worker-2", "Most likely cause");
        // the anomaly and the NotReady fault sit on the same node
        assertThat(answer.path("probable_cause").asString()).isEqualTo("node/" + clusterName + "/worker-2");
    }

    @Test
    void shouldAnswer404ForAnAlertTheCollectorDoesNotKnow() {
        TestServices.platform()
                .stubFor(
                        get(urlPathEqualTo("/api/v1/alerts/ffffffffffffffff"))
                                .willReturn(
                                        aResponse()
                                                .withStatus(404)
                                                .withHeader("Content-Type", "application/problem+json")
                                                .withBody(
                                                        "{\"title\": \"Alert not found\", \"status\": 404, \"code\": \"ALERT_NOT_FOUND\"}")));

        JsonNode problem = post("/api/v1/analysis/rca", "{\"alert_fingerprint\": \"ffffffffffffffff\"}", 404);

        assertThat(problem.path("code").asString()).isEqualTo("ALERT_NOT_FOUND");
    }

    @Test
    void shouldAnswer404ForAClusterTheRegistryDoesNotKnow() {
        String body = """
                {"cluster_id": "%s", "start_time": "%s", "end_time": "%s"}
                """.formatted(UUID.randomUUID(), now.minus(Duration.ofHours(1)), now);

        Integer before = jdbc.queryForObject("select count(*) from rca_analysis", Integer.class);

        JsonNode problem = post("/api/v1/analysis/rca", body, 404);

        assertThat(problem.path("code").asString()).isEqualTo("CLUSTER_NOT_FOUND");
        assertThat(jdbc.queryForObject("select count(*) from rca_analysis", Integer.class))
                .isEqualTo(before);
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("rca", "nothing", "{}", "alert_fingerprint"),
                Arguments.of(
                        "rca",
                        "two starting points",
                        "{\"alert_fingerprint\": \"abc\", \"anomaly_id\": \"" + UUID.randomUUID() + "\"}",
                        "alert_fingerprint"),
                Arguments.of(
                        "rca",
                        "cluster without window",
                        "{\"cluster_id\": \"" + UUID.randomUUID() + "\"}",
                        "start_time"),
                Arguments.of(
                        "rca",
                        "window over a day",
                        "{\"cluster_id\": \"" + UUID.randomUUID()
                                + "\", \"start_time\": \"2026-11-01T00:00:00Z\", \"end_time\": \"2026-11-03T00:00:00Z\"}",
                        "end_time"),
                Arguments.of("rca", "not a uuid", "{\"anomaly_id\": \"nope\"}", "anomaly_id"),
                Arguments.of("explain", "nothing", "{}", "anomaly_id"),
                Arguments.of(
                        "explain",
                        "both",
                        "{\"anomaly_id\": \"" + UUID.randomUUID() + "\", \"alert_fingerprint\": \"abc\"}",
                        "anomaly_id"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidRequests")
    void shouldAnswer400NamingTheField(String endpoint, String name, String body, String field) {
        Integer before = jdbc.queryForObject("select count(*) from rca_analysis", Integer.class);

        JsonNode problem = post("/api/v1/analysis/" + endpoint, body, 400);

        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).as(problem.toString()).contains(field);
        assertThat(jdbc.queryForObject("select count(*) from rca_analysis", Integer.class))
                .isEqualTo(before);
    }
}
