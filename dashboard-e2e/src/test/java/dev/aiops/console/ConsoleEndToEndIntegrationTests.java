package dev.aiops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aiops.testkit.PrometheusServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in Debian's Chromium against the real platform: the launcher jar starts PostgreSQL, Redis
 * and every service (the gateway serving the console at /), test-kit starts a real Prometheus to register
 * as a cluster, and dashboard/e2e/console-e2e.mjs (playwright-core with Chromium's executablePath) walks
 * the operator's journeys. Screenshots and figures land in target/console-e2e/. Skipped, saying so, only
 * where Chromium or Node is not installed.
 */
class ConsoleEndToEndIntegrationTests {

    private static final Path CHROMIUM = Path.of(System.getProperty("aiops.chromium", "/usr/bin/chromium"));
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(8);
    private static final Duration JOURNEY_LIMIT = Duration.ofMinutes(6);
    private static final Pattern ANOMALY_SERIES = Pattern.compile("\"anomaly_series_analyzed\"\\s*:\\s*(\\d+)");
    private static final Pattern JS_GZIP = Pattern.compile("\"initial_js_gzip_bytes\"\\s*:\\s*(\\d+)");

    @TempDir
    static Path dataDir;

    static Path root;
    static Process launcher;
    static final List<String> launcherOutput = Collections.synchronizedList(new ArrayList<>());
    static volatile boolean up;

    @BeforeAll
    static void startPlatform() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "console end-to-end test skipped: no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(onPath("node"), "console end-to-end test skipped: node is not on PATH");
        root = Path.of(System.getProperty("aiops.root", "..")).toAbsolutePath().normalize();
        Path jar = launcherJar();
        String java = ProcessHandle.current().info().command().orElse("java");
        launcher = new ProcessBuilder(java, "-jar", jar.toString(), "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    launcherOutput.add(line);
                    System.out.println("[launcher] " + line);
                    if (line.contains("AIOps NextGen is up")) {
                        up = true;
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        // the launcher says so on its output; a launcher that dies or stays silent leaves `up` false, and the
        // test reports its output
        try {
            await().atMost(STARTUP_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> up || !launcher.isAlive());
        } catch (ConditionTimeoutException silent) {
            // up stays false
        }
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldWalkTheOperatorsJourneysInChromium() throws Exception {
        assertThat(up)
                .as("launcher output:\n" + String.join("\n", launcherOutput))
                .isTrue();
        Path out = Path.of("target", "console-e2e").toAbsolutePath();
        Files.createDirectories(out);
        Path figures = out.resolve("figures.json");
        Path log = out.resolve("console-e2e.log");
        Files.deleteIfExists(figures);

        awaitSignInProbe();
        try (PrometheusServer prometheus = PrometheusServer.start()) {
            ProcessBuilder node = new ProcessBuilder("node", "e2e/console-e2e.mjs")
                    .directory(root.resolve("dashboard").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            node.environment().put("BASE_URL", "http://localhost:8080");
            node.environment().put("PROMETHEUS_URL", prometheus.url().toString().replaceAll("/$", ""));
            node.environment().put("CHROMIUM", CHROMIUM.toString());
            node.environment().put("SCREENSHOT_DIR", out.resolve("screenshots").toString());
            node.environment().put("FIGURES_FILE", figures.toString());
            node.environment().put("E2E_LIMIT_MS", String.valueOf(JOURNEY_LIMIT.toMillis() - 20_000));
            Process journey = node.start();
            boolean finished = journey.waitFor(JOURNEY_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                journey.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.println(output);
            // the gateway's side of the journey, kept for a post-mortem (the data folder is removed)
            Path gatewayLog = dataDir.resolve("logs").resolve("gateway.log");
            if (Files.exists(gatewayLog)) {
                Files.copy(gatewayLog, out.resolve("gateway.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            assertThat(finished)
                    .as("the journey did not finish in " + JOURNEY_LIMIT + ":\n" + output)
                    .isTrue();
            assertThat(journey.exitValue()).as(output).isZero();
        }

        String json = Files.readString(figures);
        assertThat(json).contains("\"live_cluster_seen\": true").contains("\"promql_cluster_status\": \"SUCCESS\"");
        assertThat(json).contains("\"chat_fallback_labelled\": true");
        // the GPU page's empty state (no DCGM series on a plain Prometheus), a detection that analysed the
        // registered Prometheus's series, and an alert's FIRING and RESOLVED seen on the alerts page over /ws
        assertThat(json).contains("\"gpu_empty_state\": true").contains("\"alert_fired_resolved_live\": true");
        Matcher series = ANOMALY_SERIES.matcher(json);
        assertThat(series.find()).as(json).isTrue();
        assertThat(Integer.parseInt(series.group(1))).isPositive();
        // a size budget, not a timing: the initial JavaScript stays under 300 KB gzipped
        Matcher size = JS_GZIP.matcher(json);
        assertThat(size.find()).as(json).isTrue();
        assertThat(Long.parseLong(size.group(1))).isPositive().isLessThanOrEqualTo(300 * 1024);
        try (var shots = Files.list(out.resolve("screenshots"))) {
            assertThat(shots.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(12);
        }
    }

    /**
     * The journey's first POST is the dev sign-in ({@code POST /auth/dev-token}; an empty body gets 400 in dev
     * mode). The launcher reports the gateway up on its health endpoint; on a cold JVM the first POSTs can still take
     * many seconds, which the journey's per-step limit would count against the page. Bounded: a gateway
     * that never answers fails the test here, with the time it was given.
     */
    private static void awaitSignInProbe() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:8080/auth/dev-token"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long started = System.nanoTime();
        int status = await().alias("POST /auth/dev-token answering 400 (dev mode)")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class) // not answering yet, or the request timed out
                .until(
                        () -> http.send(probe, HttpResponse.BodyHandlers.discarding())
                                .statusCode(),
                        s -> s == 400);
        System.out.printf(
                "[e2e] the sign-in probe answered %d after %d ms%n", status, (System.nanoTime() - started) / 1_000_000);
        assertThat(status)
                .as("POST /auth/dev-token in dev mode within 2 minutes")
                .isEqualTo(400);
    }

    private static Path launcherJar() throws IOException {
        try (var files = Files.list(root.resolve("launcher").resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("launcher-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("launcher jar not built"))
                    .toAbsolutePath();
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
