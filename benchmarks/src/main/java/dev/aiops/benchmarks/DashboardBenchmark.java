package dev.aiops.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The web console's budget: the initial JavaScript (the entry script and the chunks index.html preloads,
 * gzipped) of the production build in {@code dashboard/dist}, every lazily loaded chunk's gzipped size, and
 * the first contentful paint of a cold load of {@code /} in Debian's Chromium against a running gateway
 * ({@code dashboard/e2e/fcp.mjs}, a fresh browser context per load).
 *
 * <p>Run from the repository root with the platform up ({@code ./run.sh}, which also builds the console):
 * {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar dashboard}. System properties:
 * {@code bench.url} (default http://localhost:8080), {@code bench.runs} (10).
 */
public final class DashboardBenchmark {

    private static final Pattern INITIAL = Pattern.compile("(?:src|href)=\"/(assets/[^\"]+\\.js)\"");
    private static final Pattern FCP = Pattern.compile("\"fcp_ms\":\\[([0-9,]*)]");

    private DashboardBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        String url = System.getProperty("bench.url", "http://localhost:8080");
        int runs = Integer.getInteger("bench.runs", 10);
        Path dist = root.resolve("dashboard/dist");
        String index = Files.readString(dist.resolve("index.html"));

        List<String> initial = new ArrayList<>();
        Matcher m = INITIAL.matcher(index);
        while (m.find()) {
            initial.add(m.group(1));
        }
        long initialGzip = 0;
        for (String file : initial) {
            initialGzip += gzipSize(dist.resolve(file));
        }
        StringBuilder chunks = new StringBuilder();
        try (var files = Files.list(dist.resolve("assets"))) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
                String name = "assets/" + file.getFileName();
                chunks.append(String.format(
                        Locale.ROOT,
                        "| `%s` | %s | %.1f |%n",
                        name.replaceAll("-[A-Za-z0-9_-]{8}\\.js$", ".js"),
                        initial.contains(name) ? "initial" : "lazy",
                        gzipSize(file) / 1024.0));
            }
        }

        int[] fcp = firstContentfulPaints(root, url, runs);
        int[] sorted = fcp.clone();
        Arrays.sort(sorted);
        String report = String.format(
                Locale.ROOT,
                """
                ### Web console (dashboard)

                | figure | value | budget |
                | --- | --- | --- |
                | initial JavaScript, gzipped | %.1f KB (%d files) | ≤ 300 KB |
                | first contentful paint of `/`, cold, median of %d | %d ms (min %d, max %d) | < 1 s |

                Chunks (gzipped KB; pages, charts, Markdown and OIDC load on demand):

                | chunk | loaded | KB |
                | --- | --- | --- |
                %s
                Measured on this 2-core machine with other builds running, the platform started by the launcher (as `./run.sh` does),
                headless Debian Chromium via playwright-core. A 1,000-cluster fleet updating live is measured
                by the `fleet` command (its own section).

                Reproduce: `./run.sh` (builds the console), then
                `java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar dashboard`.
                """,
                initialGzip / 1024.0,
                initial.size(),
                fcp.length,
                sorted[sorted.length / 2],
                sorted[0],
                sorted[sorted.length - 1],
                chunks);
        System.out.println(report);
        System.out.println("wrote " + PerformanceReport.writeSection(root, "dashboard", report));
    }

    private static int[] firstContentfulPaints(Path root, String url, int runs) throws Exception {
        ProcessBuilder node = new ProcessBuilder("node", "e2e/fcp.mjs")
                .directory(root.resolve("dashboard").toFile())
                .redirectErrorStream(true);
        node.environment().put("BASE_URL", url);
        node.environment().put("RUNS", String.valueOf(runs));
        Process process = node.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("fcp.mjs failed: " + new String(output, StandardCharsets.UTF_8));
        }
        Matcher m = FCP.matcher(new String(output, StandardCharsets.UTF_8));
        if (!m.find() || m.group(1).isEmpty()) {
            throw new IllegalStateException("no FCP figures in: " + new String(output, StandardCharsets.UTF_8));
        }
        return Arrays.stream(m.group(1).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static long gzipSize(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(Files.readAllBytes(file));
        }
        return bytes.size();
    }
}
