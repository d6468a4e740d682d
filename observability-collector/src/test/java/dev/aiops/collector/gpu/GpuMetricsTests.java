package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.MetricsEndpoint;
import dev.aiops.testkit.PrometheusServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The aiops_gpu_* gauges on the collector's own {@code /actuator/prometheus}, fed through the real collection
 * path: DCGM exporter expositions ({@code fixtures/dcgm}) scraped by a real Prometheus that is registered as a
 * cluster through the real registry, read by the collector's federated query, then scraped from the collector
 * as Prometheus would. The last two tests take the cluster's Prometheus away and then the cluster itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GpuMetricsTests extends FederationIntegrationTest {

    static final String MODEL = "NVIDIA H100 80GB HBM3";
    static final double MIB = 1024.0 * 1024.0;

    @Autowired
    Tokens tokens;

    @Autowired
    RestTestClient client;

    MetricsEndpoint nodeA;
    MetricsEndpoint nodeB;
    PrometheusServer prometheus;
    UUID clusterId;
    String clusterName;
    String nodeBExposition;

    @BeforeAll
    void gpuClusterRegistered() throws Exception {
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
        clusterName = "gpu-metrics-" + UUID.randomUUID().toString().substring(0, 6);
        clusterId = FIXTURE.register(
                tokens.token("operator"), clusterName, prometheus.url().toString());
    }

    @AfterAll
    void closed() {
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

    @Test
    @Order(1)
    void shouldExportEachGpusLatestReadingsLabelledByClusterNodeAndGpu() {
        List<Sample> mine = awaitMySeries(
                s -> s.stream().filter(x -> x.name().equals("aiops_gpu_count")).anyMatch(x -> x.value() == 3.0));

        Map<String, String> busy = gpuLabels("gpu-node-b", "0", GpuDcgmTests.BUSY_UUID);
        assertThat(value(mine, "aiops_gpu_utilization_ratio", busy)).contains(0.97);
        assertThat(value(mine, "aiops_gpu_temperature_celsius", busy)).contains(71.0);
        assertThat(value(mine, "aiops_gpu_power_draw_watts", busy)).contains(612.5);
        assertThat(value(mine, "aiops_gpu_memory_used_bytes", busy)).contains(68734 * MIB);
        assertThat(value(mine, "aiops_gpu_memory_total_bytes", busy)).contains(81079 * MIB);
        // the fixture's exporter does not export DCGM_FI_DEV_POWER_MGMT_LIMIT: no series rather than a 0
        assertThat(value(mine, "aiops_gpu_power_limit_watts", busy)).isEmpty();

        Map<String, String> idle = gpuLabels("gpu-node-a", "0", GpuDcgmTests.IDLE_UUID);
        assertThat(value(mine, "aiops_gpu_utilization_ratio", idle)).contains(0.0);
        assertThat(value(mine, "aiops_gpu_temperature_celsius", idle)).contains(40.0);
        assertThat(value(mine, "aiops_gpu_power_draw_watts", idle)).contains(128.15);
        assertThat(value(mine, "aiops_gpu_memory_total_bytes", idle)).contains(81559 * MIB);
        Map<String, String> second = gpuLabels("gpu-node-a", "1", "GPU-5c1e7d2a-0b8f-4f5e-9a61-3d2e8f7b1c40");
        assertThat(value(mine, "aiops_gpu_memory_used_bytes", second)).contains(883 * MIB);
        assertThat(mine.stream().filter(s -> s.name().equals("aiops_gpu_temperature_celsius")))
                .hasSize(3);

        assertThat(value(mine, "aiops_gpu_collection_success", clusterLabels())).contains(1.0);
        double last = value(mine, "aiops_gpu_last_success_timestamp_seconds", clusterLabels())
                .orElseThrow();
        assertThat(last).isCloseTo(System.currentTimeMillis() / 1000.0, within(120.0));
        assertThat(value(mine, "aiops_gpu_readings_age_seconds", clusterLabels()))
                .hasValueSatisfying(age -> assertThat(age).isBetween(0.0, 120.0));
    }

    @Test
    @Order(2)
    void shouldRemoveTheSeriesOfAGpuThatIsNoLongerReported() {
        awaitMySeries(s -> s.stream().anyMatch(x -> x.name().equals("aiops_gpu_count") && x.value() == 3.0));
        try {
            // node b's exporter now reports nothing: its one GPU is gone from the cluster's Prometheus
            nodeB.serve("");
            List<Sample> mine = awaitMySeries(
                    s -> s.stream().anyMatch(x -> x.name().equals("aiops_gpu_count") && x.value() == 2.0));

            assertThat(mine)
                    .as("no series of the GPU that went, frozen or otherwise")
                    .noneMatch(x -> GpuDcgmTests.BUSY_UUID.equals(x.labels().get("uuid")))
                    .noneMatch(x -> "gpu-node-b".equals(x.labels().get("node")));
            assertThat(mine.stream().filter(s -> s.name().equals("aiops_gpu_temperature_celsius")))
                    .hasSize(2);
        } finally {
            nodeB.serve(nodeBExposition);
        }
        awaitMySeries(s -> s.stream().anyMatch(x -> x.name().equals("aiops_gpu_count") && x.value() == 3.0));
    }

    @Test
    @Order(3)
    void shouldKeepOnlyTheStalenessOfAClusterThatCannotBeRead() throws Exception {
        awaitMySeries(s -> s.stream().anyMatch(x -> x.name().equals("aiops_gpu_count") && x.value() == 3.0));
        double lastRead = value(scrapeMine(), "aiops_gpu_last_success_timestamp_seconds", clusterLabels())
                .orElseThrow();

        prometheus.close();
        List<Sample> mine = awaitMySeries(
                s -> s.stream().anyMatch(x -> x.name().equals("aiops_gpu_collection_success") && x.value() == 0.0));

        assertThat(mine)
                .extracting(Sample::name)
                .as("readings and count gone, staleness kept")
                .containsOnly(
                        "aiops_gpu_collection_success",
                        "aiops_gpu_last_success_timestamp_seconds",
                        "aiops_gpu_readings_age_seconds");
        assertThat(value(mine, "aiops_gpu_last_success_timestamp_seconds", clusterLabels()))
                .as("the last successful read, not the failed one")
                .hasValueSatisfying(t -> assertThat(t).isGreaterThanOrEqualTo(lastRead));
        double age =
                value(mine, "aiops_gpu_readings_age_seconds", clusterLabels()).orElseThrow();
        // the age is computed when scraped: it grows while nothing is read
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> value(scrapeMine(), "aiops_gpu_readings_age_seconds", clusterLabels())
                                .orElseThrow()
                        > age);
    }

    @Test
    @Order(4)
    void shouldDropEverySeriesOfAClusterThatWasDeleted() {
        awaitMySeries(s -> !s.isEmpty());

        FIXTURE.delete(tokens.token("admin"), clusterId);

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            collectNow();
                            return scrapeMine();
                        },
                        List::isEmpty);
    }

    record Sample(String name, Map<String, String> labels, double value) {}

    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Every aiops_gpu_* sample of this test's cluster, from the collector's scrape. */
    List<Sample> scrapeMine() {
        String body = client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return body.lines()
                .map(SAMPLE::matcher)
                .filter(Matcher::matches)
                .filter(m -> m.group(1).startsWith("aiops_gpu_"))
                .map(m -> {
                    Map<String, String> labels = new LinkedHashMap<>();
                    Matcher label = LABEL.matcher(m.group(2) == null ? "" : m.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                    return new Sample(m.group(1), labels, Double.parseDouble(m.group(3)));
                })
                .filter(s -> clusterId.toString().equals(s.labels().get("cluster_id")))
                .toList();
    }

    /** Asks for the GPUs, which collects when the 5 s snapshot is stale (the background poll is 30 s). */
    void collectNow() {
        client.get()
                .uri("/api/v1/gpu/nodes")
                .header("Authorization", "Bearer " + tokens.token("viewer"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    List<Sample> awaitMySeries(java.util.function.Predicate<List<Sample>> condition) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            collectNow();
                            return scrapeMine();
                        },
                        condition);
    }

    Map<String, String> clusterLabels() {
        return Map.of("cluster", clusterName, "cluster_id", clusterId.toString());
    }

    Map<String, String> gpuLabels(String node, String index, String uuid) {
        Map<String, String> labels = new LinkedHashMap<>(clusterLabels());
        labels.put("node", node);
        labels.put("gpu", index);
        labels.put("uuid", uuid);
        labels.put("model", MODEL);
        return labels;
    }

    /** The value of the one series with exactly these labels (the scrape's label set, nothing more or less). */
    static Optional<Double> value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .toList();
        assertThat(found).as("%s%s", name, labels).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst().map(Sample::value);
    }
}
