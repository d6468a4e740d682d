package dev.aiops.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.testkit.MetricsEndpoint;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.PrometheusServer;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The GPU dashboard against what the collector really exports: a DCGM exporter exposition (the real format)
 * scraped by a cluster's Prometheus, that cluster registered in the real cluster-registry, the real collector
 * (both from their jars, on the test kit's PostgreSQL and Redis) reading it, and a platform Prometheus scraping
 * the collector's {@code /actuator/prometheus} as {@code job="aiops-observability-collector"}, as the chart's
 * ServiceMonitor and compose's Prometheus do. Every query of the dashboard, panels and template variables, must
 * return series there: a renamed gauge or a misspelt label fails here, not on an operator's screen.
 *
 * <p>The launcher's end-to-end test checks the other dashboards' metric names against its running services;
 * it has no GPU cluster, so the GPU dashboard is checked here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GpuDashboardTests {

    static final Path DASHBOARD = PrometheusRulesAndDashboardsTests.DASHBOARDS.resolve("gpus.json");
    static final String DEV_SECRET = "deployment-tests-gpu-dashboard-secret-of-32-chars-or-more";
    static final Path SERVICES = Path.of("target", "services").toAbsolutePath();
    static final String JOB = "aiops-observability-collector";
    static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*([a-zA-Z_]+)\\)$");

    /** Two H100s on one node, as DCGM exporter 4.x exposes them, with every field the collector reads. */
    static final String DCGM = dcgm(Map.of(
            "DCGM_FI_DEV_GPU_UTIL", new double[] {97, 3},
            "DCGM_FI_DEV_MEM_COPY_UTIL", new double[] {64, 0},
            "DCGM_FI_DEV_FB_USED", new double[] {68734, 883},
            "DCGM_FI_DEV_FB_FREE", new double[] {12345, 80197},
            "DCGM_FI_DEV_FB_RESERVED", new double[] {480, 479},
            "DCGM_FI_DEV_GPU_TEMP", new double[] {71, 39},
            "DCGM_FI_DEV_POWER_USAGE", new double[] {612.5, 84.04},
            "DCGM_FI_DEV_POWER_MGMT_LIMIT", new double[] {700, 700}));

    final List<AutoCloseable> started = new ArrayList<>();
    PrometheusServer platformPrometheus;
    ServiceJarServer collector;
    String clusterName;

    @BeforeAll
    void collectorReadsAGpuCluster() throws Exception {
        MetricsEndpoint exporter = closeLater(MetricsEndpoint.serving(DCGM));
        PrometheusServer clusterPrometheus = closeLater(PrometheusServer.builder()
                .scrapeTarget("dcgm-exporter", exporter.hostPort(), MetricsEndpoint.PATH)
                .start());
        SharedRedis redis = SharedRedis.get();
        PostgresDatabase registryDb = SharedPostgres.get().createDatabase("deployment_gpu_registry");
        PostgresDatabase collectorDb = SharedPostgres.get().createDatabase("deployment_gpu_collector");
        ServiceJarServer registry = closeLater(service("cluster-registry.jar", registryDb, redis)
                .property("aiops.registry.url-guard.allow-loopback", "true")
                .property("aiops.registry.health.enabled", "false")
                .property("aiops.registry.discovery.enabled", "false")
                .start());
        collector = closeLater(service("observability-collector.jar", collectorDb, redis)
                .property("aiops.services.cluster-registry.url", registry.url().toString())
                // the background collection, which feeds the gauges without anybody calling the GPU API
                .property("aiops.collector.gpu.poll-interval", "1s")
                .property("aiops.collector.gpu.cache-ttl", "1s")
                // the cluster's Prometheus listens on loopback
                .property("aiops.collector.federation.url-guard.allow-loopback", "true")
                .start());
        platformPrometheus = closeLater(PrometheusServer.builder()
                .scrapeTarget(JOB, "127.0.0.1:" + collector.port(), "/actuator/prometheus")
                .start());

        clusterName = "gpu-dashboard-" + UUID.randomUUID().toString().substring(0, 6);
        register(registry.url(), clusterName, clusterPrometheus.url().toString());
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> platformPrometheus
                        .query("count(aiops_gpu_power_limit_watts{job=\"" + JOB + "\",cluster=\"" + clusterName
                                + "\"})")
                        .contains("\"2\""));
    }

    @AfterAll
    void stopped() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // best effort: the JVM ends after the tests anyway
            }
        }
    }

    @Test
    void shouldAnswerEveryPanelQueryFromTheCollectorsRealScrape() throws Exception {
        List<String> queries = PrometheusRulesAndDashboardsTests.queries(DASHBOARD);
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);

        for (String query : queries) {
            // the cluster and node variables as Grafana sends them with "All" selected
            String expr = query.replace("$cluster", ".+").replace("$node", ".+");
            assertThat(series(expr)).as(query).isNotEmpty();
        }
    }

    @Test
    void shouldListTheClusterAndItsNodeInTheTemplateVariables() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Object variable : templating()) {
            Map<?, ?> v = (Map<?, ?>) variable;
            if ("query".equals(v.get("type"))) {
                Matcher m = LABEL_VALUES.matcher(String.valueOf(v.get("definition")));
                assertThat(m.matches()).as(String.valueOf(v.get("definition"))).isTrue();
                List<Map<String, Object>> found =
                        series(m.group(1).replace("$cluster", clusterName).replace("$node", ".+"));
                assertThat(found).as(m.group(1)).isNotEmpty();
                labels.put(
                        String.valueOf(v.get("name")),
                        String.valueOf(metric(found.get(0)).get(m.group(2))));
            }
        }

        assertThat(labels).containsEntry("cluster", clusterName).containsEntry("node", "gpu-node-1");
    }

    @Test
    void shouldChartEachGpuWithTheReadingsTheExporterReported() throws Exception {
        String selector = "{job=\"" + JOB + "\",cluster=\"" + clusterName + "\",node=\"gpu-node-1\",gpu=\"0\"}";

        assertThat(value("aiops_gpu_utilization_ratio" + selector)).isEqualTo(0.97);
        assertThat(value("aiops_gpu_temperature_celsius" + selector)).isEqualTo(71.0);
        assertThat(value("aiops_gpu_power_draw_watts" + selector)).isEqualTo(612.5);
        assertThat(value("aiops_gpu_power_limit_watts" + selector)).isEqualTo(700.0);
        assertThat(value("aiops_gpu_memory_used_bytes" + selector)).isEqualTo(68734 * 1024.0 * 1024.0);
        assertThat(value("aiops_gpu_count{job=\"" + JOB + "\",cluster=\"" + clusterName + "\"}"))
                .isEqualTo(2.0);
    }

    List<?> templating() throws Exception {
        return (List<?>)
                ((Map<?, ?>) PrometheusRulesAndDashboardsTests.read(DASHBOARD).get("templating")).get("list");
    }

    double value(String expr) {
        List<Map<String, Object>> found = series(expr);
        assertThat(found).as(expr).hasSize(1);
        return Double.parseDouble(String.valueOf(((List<?>) found.get(0).get("value")).get(1)));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> series(String expr) {
        Map<String, Object> response = Chart.SERIALIZATION.unmarshal(platformPrometheus.query(expr), Map.class);
        assertThat(response.get("status")).as("%s: %s", expr, response).isEqualTo("success");
        return (List<Map<String, Object>>) ((Map<String, Object>) response.get("data")).get("result");
    }

    static Map<?, ?> metric(Map<String, Object> series) {
        return (Map<?, ?>) series.get("metric");
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        started.add(closeable);
        return closeable;
    }

    static ServiceJarServer.Builder service(String jar, PostgresDatabase db, SharedRedis redis) {
        return ServiceJarServer.builder(SERVICES.resolve(jar))
                .property("spring.datasource.url", db.jdbcUrl())
                .property("spring.datasource.username", db.username())
                .property("spring.datasource.password", db.password())
                .property("spring.data.redis.host", redis.host())
                .property("spring.data.redis.port", String.valueOf(redis.port()))
                .property("aiops.security.dev-mode", "true")
                .property("aiops.security.dev-secret", DEV_SECRET)
                .property("aiops.outbox.poll-interval", "200ms")
                .property("logging.structured.format.console", "");
    }

    static void register(URI registry, String name, String prometheusUrl) throws Exception {
        String token = new DevTokenIssuer(
                        new SecurityProperties(true, DEV_SECRET, "aiops-dev", Duration.ofHours(1), "roles", null, null))
                .issue("deployment-tests", Set.of("operator"))
                .accessToken();
        String body = """
                {"name": "%s", "api_server_url": "https://127.0.0.1:6443", "platform": "KUBERNETES",
                 "endpoints": {"prometheus_url": "%s"}}
                """.formatted(name, prometheusUrl);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(registry.resolve("/api/v1/clusters"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** An exposition in DCGM exporter's format: each field for GPU 0 and GPU 1 of node gpu-node-1. */
    static String dcgm(Map<String, double[]> fields) {
        String[] uuids = {"GPU-9e3b6a15-7d24-4c8e-b1f0-62a4d9c3e7f8", "GPU-5c1e7d2a-0b8f-4f5e-9a61-3d2e8f7b1c40"};
        StringBuilder text = new StringBuilder();
        fields.forEach((field, values) -> {
            text.append("# TYPE ").append(field).append(" gauge\n");
            for (int gpu = 0; gpu < values.length; gpu++) {
                text.append(field)
                        .append("{gpu=\"")
                        .append(gpu)
                        .append("\",UUID=\"")
                        .append(uuids[gpu])
                        .append("\",pci_bus_id=\"00000000:00:0")
                        .append(6 + gpu)
                        .append(".0\",device=\"nvidia")
                        .append(gpu)
                        .append("\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"gpu-node-1\",")
                        .append("DCGM_FI_DRIVER_VERSION=\"580.159.04\"} ")
                        .append(values[gpu])
                        .append('\n');
            }
        });
        return text.toString();
    }
}
