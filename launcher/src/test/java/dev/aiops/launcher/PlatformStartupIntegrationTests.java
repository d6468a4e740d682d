package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The README's command 1, end to end: the launcher jar starts PostgreSQL, Redis and every service,
 * the gateway answers with a dev token, and stopping the launcher leaves no port taken. Runs in the
 * integration-test phase, after every service jar of the reactor has been packaged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformStartupIntegrationTests {

    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(8);
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    @TempDir
    static Path dataDir;

    static Process launcher;
    static Thread outputReader;
    static final List<String> output = Collections.synchronizedList(new ArrayList<>());
    static volatile boolean up;

    @BeforeAll
    static void startPlatform() throws Exception {
        Path jar = launcherJar();
        String java = ProcessHandle.current().info().command().orElse("java");
        launcher = new ProcessBuilder(java, "-jar", jar.toString(), "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        outputReader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    System.out.println("[launcher] " + line);
                    if (line.contains("AIOps NextGen is up")) {
                        up = true;
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        outputReader.setDaemon(true);
        outputReader.start();
        try {
            await().atMost(STARTUP_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> up || !launcher.isAlive());
        } catch (ConditionTimeoutException e) {
            // shouldBringEveryServiceUp reports it, with the launcher's output
        }
    }

    @AfterAll
    static void stopIfStillRunning() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
        }
    }

    static Path launcherJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("launcher-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("original"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("launcher jar not built"))
                    .toAbsolutePath();
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder gateway(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:8080" + path));
    }

    static String devToken(String role) throws Exception {
        HttpResponse<String> response = send(gateway("/auth/dev-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ci\",\"roles\":[\"" + role + "\"]}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher matcher = TOKEN.matcher(response.body());
        assertThat(matcher.find()).as(response.body()).isTrue();
        return matcher.group(1);
    }

    @Test
    @Order(1)
    void shouldBringEveryServiceUp() throws Exception {
        assertThat(up).as("launcher output:\n" + String.join("\n", output)).isTrue();
        for (ServiceSpec service : ServiceSpec.ALL) {
            HttpResponse<String> health =
                    send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health")));
            assertThat(health.statusCode()).as(service.name()).isEqualTo(200);
            assertThat(health.body()).as(service.name()).contains("\"status\":\"UP\"");
        }
    }

    @Test
    @Order(2)
    void shouldReachTheRegistryThroughTheGatewayWithADevToken() throws Exception {
        String token = devToken("admin");
        HttpResponse<String> clusters = send(gateway("/api/v1/clusters").header("Authorization", "Bearer " + token));
        assertThat(clusters.statusCode()).as(clusters.body()).isEqualTo(200);
        assertThat(clusters.body()).contains("\"items\"").contains("\"page_size\"");
    }

    @Test
    @Order(3)
    void shouldAnswer401ProblemWithoutAToken() throws Exception {
        HttpResponse<String> response = send(gateway("/api/v1/clusters"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"UNAUTHORIZED\"");
    }

    /**
     * The Grafana dashboards and alert rules that ship with the chart and compose may only query metrics the
     * running services really export (plus Prometheus's own {@code up}): a renamed meter breaks this test, not
     * an operator's dashboard.
     */
    @Test
    @Order(4)
    void shouldExportEveryMetricTheShippedDashboardsAndAlertsQuery() throws Exception {
        // the e2_kpm_* gauges exist per (node, cell) once one has reported: one report through the gateway,
        // then its 30 s window closes and the gauges appear
        HttpResponse<String> report = send(gateway("/api/v1/kpm/reports")
                .header("Authorization", "Bearer " + devToken("operator"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"node_id": "gnb-ci", "cell_id": "cell-1", "timestamp": "%s", "granularity_period_ms": 1000,
                         "measurements": {"DRB.RlcSduDelayDl": 12.5, "RRU.PrbTotDl": 40, "RRC.ConnMean": 8}}
                        """.formatted(Instant.now()))));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(202);
        Set<String> exported = new TreeSet<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    exported.clear();
                    exported.addAll(exportedMetricNames());
                    assertThat(exported).contains("e2_kpm_prb_utilization");
                });
        Path files = Path.of("..", "charts", "aiops-nextgen", "files");
        Map<String, Set<String>> queried = new TreeMap<>();
        try (var dashboards = Files.list(files.resolve("dashboards"))) {
            // the GPU dashboard's gauges exist once a GPU cluster is read, which this platform has none of:
            // deployment-tests' GpuDashboardTests checks it against a collector that reads one
            for (Path dashboard :
                    dashboards.filter(d -> !d.endsWith("gpus.json")).toList()) {
                for (JsonNode target : JSON.readTree(dashboard.toFile()).findValues("targets")) {
                    for (JsonNode query : target) {
                        String expr = query.path("expr").asString();
                        queried.put(dashboard.getFileName() + ": " + expr, PromQlMetricNames.of(expr));
                    }
                }
            }
        }
        for (JsonNode rule : YAML.readTree(
                        files.resolve("prometheus/platform-rules.yml").toFile())
                .findValues("expr")) {
            queried.put("platform-rules.yml: " + rule.asString(), PromQlMetricNames.of(rule.asString()));
        }

        assertThat(queried).isNotEmpty();
        queried.forEach((query, metrics) -> assertThat(exported).as(query).containsAll(metrics));
    }

    private static Set<String> exportedMetricNames() throws Exception {
        Set<String> exported = new TreeSet<>(Set.of("up"));
        for (ServiceSpec service : ServiceSpec.ALL) {
            HttpResponse<String> scrape =
                    send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/prometheus")));
            assertThat(scrape.statusCode()).as(service.name()).isEqualTo(200);
            scrape.body()
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(exported::add);
        }
        return exported;
    }

    @Test
    @Order(5)
    void shouldLeaveNothingRunningAfterShutdown() throws Exception {
        List<ProcessHandle> children = launcher.descendants().toList();
        // SIGTERM, as Ctrl-C would; through the handle, since Process.destroy() also closes our end of its
        // output and we want to read what it says while shutting down
        launcher.toHandle().destroy();
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("launcher exits").isTrue();
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive())
                    .as("process %s", child.info().command().orElse("?"))
                    .isFalse();
        }
        for (int port : new int[] {8080, 8081, 8082, 8083, 8084, 8085, 8086, 15432, 16379}) {
            try (ServerSocket socket = new ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
        outputReader.join(10_000); // the last lines may still be on their way
        assertThat(output).anyMatch(line -> line.contains("nothing left running"));
    }
}
