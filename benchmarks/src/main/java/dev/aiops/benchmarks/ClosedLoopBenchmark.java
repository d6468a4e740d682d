package dev.aiops.benchmarks;

import static dev.aiops.benchmarks.RegistryBenchmark.HTTP;
import static dev.aiops.benchmarks.RegistryBenchmark.log;
import static dev.aiops.benchmarks.RegistryBenchmark.ms;
import static dev.aiops.benchmarks.RegistryBenchmark.percentile;
import static dev.aiops.benchmarks.RegistryBenchmark.token;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The intent service's closed loop as it runs: its jar in its own JVM on the test kit's PostgreSQL and Redis,
 * {@code bench.rules} enabled KPM rules (default 1,000), KPM_REPORT envelopes written straight onto
 * {@code aiops:stream:kpm} as the collector does.
 *
 * <ol>
 *   <li>latency: for {@code bench.samples} cells, two windows above the mark, then the third (the hysteresis
 *       needs three); time from the third window's XADD to the scale-out intent's row ({@code created_at});
 *   <li>evaluation cost: {@code bench.reports} reports that match no rule, each evaluated against every rule;
 *       the service's own {@code planner_rule_evaluation_duration_seconds} before and after, and the time until
 *       all of them are decided.
 * </ol>
 *
 * <p>Run from the repository root after {@code ./mvnw -pl intent-service package -DskipTests}: {@code java -jar
 * benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar closedloop}. Every wait is bounded ({@code bench.wait.seconds},
 * 60), so it stops by itself.
 */
public final class ClosedLoopBenchmark {

    private static final Pattern SUM =
            Pattern.compile("(?m)^planner_rule_evaluation_duration_seconds_sum(?:\\{[^}]*})? ([0-9.eE+-]+)$");
    private static final Pattern COUNT =
            Pattern.compile("(?m)^planner_rule_evaluation_duration_seconds_count(?:\\{[^}]*})? ([0-9.eE+-]+)$");
    private static final Pattern MAX =
            Pattern.compile("(?m)^planner_rule_evaluation_duration_seconds_max(?:\\{[^}]*})? ([0-9.eE+-]+)$");

    private final Path root;
    private final int rules = Integer.getInteger("bench.rules", 1000);
    private final int samples = Integer.getInteger("bench.samples", 20);
    private final int reports = Integer.getInteger("bench.reports", 300);
    private final long waitNanos = Integer.getInteger("bench.wait.seconds", 60) * 1_000_000_000L;
    private final StringBuilder report = new StringBuilder();

    private ClosedLoopBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", ".")).toAbsolutePath().normalize();
        new ClosedLoopBenchmark(root).run();
        System.exit(0);
    }

    void run() throws Exception {
        Path jar = root.resolve("intent-service/target/intent-service-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Build the service first: ./mvnw -pl intent-service package -DskipTests (missing " + jar + ")");
        }
        PostgresDatabase db = SharedPostgres.get().createDatabase("aiops_bench_closedloop");
        SharedRedis redis = SharedRedis.get();
        String admin = token("admin");
        try (ServiceJarServer service = BenchmarkServices.service(jar, "intent-service", db, redis)
                        .readinessPath("/actuator/health/readiness")
                        // the closed loop only raises intents here; nothing downstream answers
                        .property("aiops.services.cluster-registry.url", "http://127.0.0.1:9")
                        .property("aiops.services.porch-adapter.url", "http://127.0.0.1:9")
                        .start();
                Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Socket redisSocket = new Socket(redis.host(), redis.port())) {
            long rulesStarted = System.nanoTime();
            for (int i = 0; i < rules; i++) {
                boolean hot = i < samples;
                createRule(
                        service.url().toString(),
                        admin,
                        hot ? "hot-" + i : "cold-" + i,
                        hot ? "site-" + i : "cold-site-" + i);
            }
            double rulesSeconds = (System.nanoTime() - rulesStarted) / 1e9;
            log("%d rules created in %.1f s", rules, rulesSeconds);
            awaitCatalog(sql);

            RedisStream stream = new RedisStream(redisSocket);
            long[] latencies = new long[samples];
            Instant base = Instant.now().minusSeconds(60);
            for (int i = 0; i < samples; i++) {
                String node = "hot-" + i;
                UUID w1 = stream.kpm(node, base, 0.95);
                UUID w2 = stream.kpm(node, base.plusSeconds(30), 0.96);
                awaitDecided(sql, w2);
                UUID third = UUID.randomUUID();
                long appended = System.currentTimeMillis();
                stream.kpm(third, node, base.plusSeconds(60), 0.97);
                long created = awaitIntent(sql, third);
                latencies[i] = (created - appended) * 1_000_000L;
                log("sample %d: window 3 on the stream -> intent %d ms (w1 %s)", i, created - appended, w1);
            }
            Arrays.sort(latencies);

            String before = metrics(service.url().toString(), admin);
            long loadStarted = System.nanoTime();
            UUID last = null;
            for (int i = 0; i < reports; i++) {
                last = stream.kpm("quiet-node", Instant.now(), 0.10);
            }
            awaitDecided(sql, last);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            String after = metrics(service.url().toString(), admin);
            double sum = value(SUM, after) - value(SUM, before);
            double count = value(COUNT, after) - value(COUNT, before);
            double max = value(MAX, after);
            write(latencies, rulesSeconds, sum, count, max, loadSeconds);
        }
        log("wrote %s", PerformanceReport.writeSection(root, "closedloop", report.toString()));
    }

    private void createRule(String url, String token, String node, String site) throws Exception {
        String body = "{\"name\":\"bench-" + node + "\",\"source\":\"kpm\",\"condition\":\"kpm.node_id == '" + node
                + "' && kpm.prb_utilization > 0.85\",\"action\":\"scale_out\",\"target\":{\"function\":\"UPF\","
                + "\"site\":\"" + site + "\"},\"min_replicas\":2,\"max_replicas\":10,\"priority\":5,"
                + "\"cooldown\":\"PT5M\",\"consecutive_windows\":3,\"enabled\":true}";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/rules"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("rule not created: " + response.statusCode() + " " + response.body());
        }
    }

    /** The service refreshes its catalog after each save; a last check that every rule is enabled. */
    private void awaitCatalog(Connection sql) throws Exception {
        try (PreparedStatement count = sql.prepareStatement("select count(*) from intents.rule where enabled")) {
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != rules) {
                    throw new IllegalStateException("expected " + rules + " enabled rules, found " + rs.getInt(1));
                }
            }
        }
    }

    private void awaitDecided(Connection sql, UUID event) throws Exception {
        long deadline = System.nanoTime() + waitNanos;
        try (PreparedStatement query =
                sql.prepareStatement("select count(*) from intents.rule_decision where event_id = ?")) {
            query.setObject(1, event);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("no decision on " + event + " within the wait");
    }

    /** The intent's own creation time (the service's clock, this machine's). */
    private long awaitIntent(Connection sql, UUID event) throws Exception {
        long deadline = System.nanoTime() + waitNanos;
        try (PreparedStatement query =
                sql.prepareStatement("select created_at from intents.intent where payload->>'correlation_id' = ?")) {
            query.setString(1, event.toString());
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        return rs.getTimestamp(1).getTime();
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("no intent for " + event + " within the wait");
    }

    private static String metrics(String url, String token) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static double value(Pattern pattern, String metrics) {
        Matcher matcher = pattern.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private void write(
            long[] latencies, double rulesSeconds, double sum, double count, double max, double loadSeconds) {
        report.append("Closed loop of the intent service: its jar in its own JVM on the test kit's PostgreSQL and ")
                .append(
                        "Redis, KPM_REPORT envelopes written straight onto `aiops:stream:kpm` (as the collector does). ")
                .append("Regenerate with:\n\n```\n./mvnw -pl intent-service package -DskipTests\n")
                .append("./mvnw -f benchmarks/pom.xml package\n")
                .append("java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar closedloop\n```\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "Measured %s UTC on %d CPU(s), Java %s; the service, PostgreSQL, Redis and the driver share "
                                + "these CPUs, on a machine shared with other engineers' builds (load not controlled). %,d enabled "
                                + "KPM rules (each condition `kpm.node_id == '...' && kpm.prb_utilization > 0.85`, three "
                                + "windows of hysteresis); creating them through the API took %.1f s.%n%n",
                        Instant.now().toString().substring(0, 16).replace('T', ' '),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        rules,
                        rulesSeconds))
                .append("### KPM window above the mark on the stream → scale-out intent created (goal < 5 s)\n\n")
                .append("| samples | p50 | p95 | max |\n|---|---|---|---|\n")
                .append(String.format(
                        Locale.ROOT,
                        "| %d | %.0f ms | %.0f ms | %.0f ms |%n%n",
                        latencies.length,
                        ms(percentile(latencies, 0.5)),
                        ms(percentile(latencies, 0.95)),
                        ms(latencies[latencies.length - 1])))
                .append("### Rule evaluation per event\n\n")
                .append(
                        "| rules | reports | mean evaluation of all rules per report | max | reports decided per second "
                                + "(evaluation + decision row + commit) |\n|---|---|---|---|---|\n")
                .append(String.format(
                        Locale.ROOT,
                        "| %,d | %,d | %.2f ms | %.2f ms | %.0f |%n%n",
                        rules,
                        (long) count,
                        count == 0 ? 0 : sum / count * 1000,
                        max * 1000,
                        reports / loadSeconds))
                .append("### How to read these\n\n")
                .append("- Latency is the third consecutive window's XADD to the intent row's `created_at` (the ")
                .append(
                        "service's clock on the same machine), so it includes the stream read (a blocking read that returns "
                                + "when the entry lands), the ")
                .append("evaluation of every rule, the hysteresis count, the cooldown lock and the intent insert in ")
                .append("one transaction.\n")
                .append("- Evaluation is the CEL programs compiled once per rule version, run against one report; it ")
                .append("is `planner_rule_evaluation_duration_seconds` of the service itself (its max is the ")
                .append("largest since start-up, the first reports before the JIT warmed up).\n")
                .append(
                        "- Creating a rule refreshes the saving replica's catalog at once, reloading every enabled rule ")
                .append("(each condition is compiled only once per version), so creating 1,000 rules one by one grows ")
                .append("quadratically; the per-event path does not.\n")
                .append("- Tests never assert on these numbers.\n");
    }

    /** XADD over RESP: the benchmark needs nothing but a socket to play the collector. */
    private static final class RedisStream {
        private final OutputStream out;
        private final InputStream in;

        RedisStream(Socket socket) throws IOException {
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        UUID kpm(String node, Instant window, double prb) throws IOException {
            return kpm(UUID.randomUUID(), node, window, prb);
        }

        UUID kpm(UUID id, String node, Instant window, double prb) throws IOException {
            String envelope = "{\"event_id\":\"" + id + "\",\"event_type\":\"KPM_REPORT\",\"source\":\"benchmark\","
                    + "\"cluster_id\":null,\"timestamp\":\"" + Instant.now() + "\",\"correlation_id\":null,"
                    + "\"payload\":{\"node_id\":\"" + node + "\",\"cell_id\":\"cell-1\",\"timestamp\":\"" + window
                    + "\",\"p95_latency_ms\":12.5,\"prb_utilization\":" + prb + ",\"ue_count\":40,\"counters\":{}}}";
            command(
                    "XADD",
                    "aiops:stream:kpm",
                    "MAXLEN",
                    "~",
                    "100000",
                    "*",
                    "event_id",
                    id.toString(),
                    "event_type",
                    "KPM_REPORT",
                    "envelope",
                    envelope);
            return id;
        }

        private void command(String... args) throws IOException {
            StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                resp.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            if (line.length() > 0 && line.charAt(0) == '-') {
                throw new IOException("redis: " + line);
            }
            if (line.length() > 0 && line.charAt(0) == '$') {
                int length = Integer.parseInt(line.substring(1).trim());
                in.readNBytes(length + 2);
            }
        }
    }
}
