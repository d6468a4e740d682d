package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.events.Notifications;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.MetricsEndpoint;
import dev.aiops.testkit.PrometheusServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The DCGM path end to end: two DCGM exporter expositions (the real format, {@code fixtures/dcgm}) served over
 * HTTP, scraped by a real Prometheus registered as a cluster through the real registry, read through the
 * collector's federation engine into {@code /api/v1/gpu/**}, with GPU_UPDATE on the event bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GpuDcgmTests extends FederationIntegrationTest {

    static final String IDLE_UUID = "GPU-42a0d46f-aa1d-4839-9933-9a7101e976e4";
    static final String BUSY_UUID = "GPU-9e3b6a15-7d24-4c8e-b1f0-62a4d9c3e7f8";

    @Autowired
    Tokens tokens;

    @Autowired
    RestTestClient client;

    @Autowired
    Notifications notifications;

    MetricsEndpoint nodeA;
    MetricsEndpoint nodeB;
    PrometheusServer prometheus;
    UUID clusterId;
    String nodeBExposition;
    final List<EventEnvelope<JsonNode>> gpuEvents = new CopyOnWriteArrayList<>();

    @BeforeAll
    void gpuClusterRegistered() throws Exception {
        notifications.subscribe(EventDomain.GPU, gpuEvents::add);
        nodeA = MetricsEndpoint.serving(DcgmTests.text("gpu-node-a.prom"));
        nodeBExposition = DcgmTests.text("gpu-node-b.prom");
        nodeB = MetricsEndpoint.serving(nodeBExposition);
        prometheus = PrometheusServer.builder()
                .scrapeTarget("dcgm-exporter-node-a", nodeA.hostPort(), MetricsEndpoint.PATH)
                .scrapeTarget("dcgm-exporter-node-b", nodeB.hostPort(), MetricsEndpoint.PATH)
                .start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> prometheus.query("count(DCGM_FI_DEV_GPU_UTIL)").contains("\"3\""));
        clusterId = FIXTURE.register(
                tokens.token("operator"),
                "gpu-dcgm-" + UUID.randomUUID().toString().substring(0, 6),
                prometheus.url().toString());
    }

    @AfterAll
    void gpuClusterDeleted() {
        if (clusterId != null) {
            FIXTURE.delete(tokens.token("admin"), clusterId);
        }
        for (AutoCloseable c : new AutoCloseable[] {prometheus, nodeA, nodeB}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort: the JVM ends after the tests anyway
                }
            }
        }
    }

    JsonNode get(String path) {
        return client.get()
                .uri(path)
                .header("Authorization", "Bearer " + tokens.token("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    JsonNode nodesOfMyCluster() {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/v1/gpu/nodes?cluster_id=" + clusterId), n -> n.size() == 2);
    }

    @Test
    void shouldServeEachNodesGpusAsDcgmReportsThem() {
        JsonNode nodes = nodesOfMyCluster();

        assertThat(nodes.get(0).path("node_name").asString()).isEqualTo("gpu-node-a");
        assertThat(nodes.get(0).path("cluster_id").asString()).isEqualTo(clusterId.toString());
        assertThat(nodes.get(0).path("last_updated").asString()).isNotBlank();
        JsonNode idle = nodes.get(0).path("gpus").get(0);
        assertThat(idle.path("index").asInt()).isZero();
        assertThat(idle.path("uuid").asString()).isEqualTo(IDLE_UUID);
        assertThat(idle.path("name").asString()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(idle.path("driver_version").asString()).isEqualTo("580.159.04");
        assertThat(idle.path("memory_total_mb").asLong()).isEqualTo(81559L);
        assertThat(idle.path("memory_used_mb").asLong()).isZero();
        assertThat(idle.path("memory_free_mb").asLong()).isEqualTo(81079L);
        assertThat(idle.path("temperature_celsius").asDouble()).isEqualTo(40.0);
        assertThat(idle.path("power_draw_watts").asDouble()).isEqualTo(128.15);
        assertThat(idle.path("fan_speed_percent").isNull()).isTrue();
        assertThat(nodes.get(0).path("gpus").get(1).path("memory_used_mb").asLong())
                .isEqualTo(883L);

        // the threshold test moves node b's readings and puts them back: wait for the fixture's values
        JsonNode b = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> get("/api/v1/gpu/nodes/" + clusterId + "/gpu-node-b"),
                        n -> n.path("gpus").get(0).path("temperature_celsius").asDouble() == 71.0
                                && n.path("gpus")
                                                .get(0)
                                                .path("utilization_gpu_percent")
                                                .asDouble()
                                        == 97.0);
        assertThat(b.path("gpus")).hasSize(1);
        assertThat(b.path("gpus").get(0).path("utilization_gpu_percent").asDouble())
                .isEqualTo(97.0);
        assertThat(b.path("gpus").get(0).path("utilization_memory_percent").asDouble())
                .isEqualTo(64.0);
    }

    @Test
    void shouldSummariseTheFleetWithTheHottestAndTheIdleGpus() {
        nodesOfMyCluster();

        JsonNode summary = get("/api/v1/gpu/summary");

        assertThat(summary.path("gpus_by_type").path("NVIDIA H100 80GB HBM3").asInt())
                .isGreaterThanOrEqualTo(3);
        assertThat(summary.path("gpu_count").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(summary.path("memory_total_mb").asLong()).isGreaterThanOrEqualTo(81559L + 81559L + 81079L);
        // node b's busy H100 (71 °C, 73 °C while the threshold test runs) is the hottest GPU of the test fleet
        assertThat(summary.path("hottest").get(0).path("uuid").asString()).isEqualTo(BUSY_UUID);
        assertThat(summary.path("hottest").get(0).path("node_name").asString()).isEqualTo("gpu-node-b");
        List<String> idle = summary.path("idle_gpus")
                .valueStream()
                .map(g -> g.path("uuid").asString() + "@" + g.path("cluster_id").asString())
                .toList();
        assertThat(idle).contains(IDLE_UUID + "@" + clusterId).doesNotContain(BUSY_UUID + "@" + clusterId);
    }

    @Test
    void shouldSendGpuUpdateOnlyWhenAReadingMovesBeyondItsThreshold() {
        try {
            readingsMoveBelowThenBeyondTheThresholds();
        } finally {
            nodeB.serve(nodeBExposition);
        }
    }

    void readingsMoveBelowThenBeyondTheThresholds() {
        nodesOfMyCluster();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !eventsFor("gpu-node-b").isEmpty());
        int before = eventsFor("gpu-node-b").size();

        // +2 °C and +10 W: below the 5 °C / 50 W thresholds
        nodeB.serve(nodeBExposition.replace("} 71\n", "} 73\n").replace("} 612.5\n", "} 622.5\n"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/v1/gpu/nodes/" + clusterId + "/gpu-node-b")
                                .path("gpus")
                                .get(0)
                                .path("temperature_celsius")
                                .asDouble()
                        == 73.0);
        // utilisation 97 → 20: beyond the 10-point threshold
        nodeB.serve(nodeBExposition.replace("} 97\n", "} 20\n"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            get("/api/v1/gpu/nodes?cluster_id=" + clusterId);
                            return eventsFor("gpu-node-b");
                        },
                        events -> events.stream()
                                .anyMatch(e -> e.payload()
                                                .path("gpus")
                                                .get(0)
                                                .path("utilization_gpu_percent")
                                                .asDouble()
                                        == 20.0));

        List<EventEnvelope<JsonNode>> after =
                eventsFor("gpu-node-b").subList(before, eventsFor("gpu-node-b").size());
        // pub/sub keeps order: had the 73 °C collection sent an event, it would have arrived before this one
        assertThat(after).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo(EventType.GPU_UPDATE);
            assertThat(e.source()).isEqualTo("observability-collector");
            assertThat(e.payload().path("cluster_id").asString()).isEqualTo(clusterId.toString());
        });
    }

    List<EventEnvelope<JsonNode>> eventsFor(String node) {
        return gpuEvents.stream()
                .filter(e -> clusterId.equals(e.clusterId())
                        && node.equals(e.payload().path("node_name").asString()))
                .toList();
    }

    @Test
    void shouldAnswerProblemJsonForUnknownNodesAndBadInput() {
        nodesOfMyCluster();
        String viewer = "Bearer " + tokens.token("viewer");

        client.get()
                .uri("/api/v1/gpu/nodes/" + clusterId + "/gpu-node-z")
                .header("Authorization", viewer)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("GPU_NODE_NOT_FOUND");
        client.get()
                .uri("/api/v1/gpu/nodes/" + UUID.randomUUID() + "/gpu-node-a")
                .header("Authorization", viewer)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CLUSTER_NOT_FOUND");
        client.get()
                .uri("/api/v1/gpu/nodes/not-a-uuid/gpu-node-a")
                .header("Authorization", viewer)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("cluster_id");
        client.get()
                .uri("/api/v1/gpu/nodes/" + clusterId + "/Not_A_Node")
                .header("Authorization", viewer)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("node_name");
        client.get()
                .uri("/api/v1/gpu/processes?cluster_id=" + UUID.randomUUID())
                .header("Authorization", viewer)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("cluster_id");
        client.get().uri("/api/v1/gpu/nodes").exchange().expectStatus().isUnauthorized();
    }
}
