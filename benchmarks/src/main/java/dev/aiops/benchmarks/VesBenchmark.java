package dev.aiops.benchmarks;

import static dev.aiops.benchmarks.RegistryBenchmark.ms;
import static dev.aiops.benchmarks.RegistryBenchmark.percentile;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * VES ingestion through the collector's real listener ({@code POST /eventListener/v7/eventBatch}, basic
 * auth, schema validation, PostgreSQL store, outbox to the Redis FCAPS stream): the collector runs from its
 * jar in its own JVM against the test kit's PostgreSQL and Redis; {@code bench.clients} senders post batches
 * of {@code bench.batch} ONAP-style events (fault, measurement, heartbeat, from 100 sources) for
 * {@code bench.seconds}. Nothing may be lost: the events stored are counted in the database and must equal
 * the events accepted, and the time until the outbox has put every one on the stream is reported. Then the
 * event store is seeded to {@code bench.rows} rows with {@code generate_series} and the query API's latency
 * is measured per filter. Bounded: a few minutes.
 */
public final class VesBenchmark {

    static final String USER = "bench-agent";
    static final String PASSWORD = "bench-secret-for-ves";
    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final Path root;
    private final int clients = Integer.getInteger("bench.clients", 8);
    private final int batch = Integer.getInteger("bench.batch", 500);
    private final int seconds = Integer.getInteger("bench.seconds", 30);
    private final int rows = Integer.getInteger("bench.rows", 1_000_000);
    private final int warmupBatches = Integer.getInteger("bench.warmup-batches", 40);
    // e.g. -Dbench.collector-jvm="-XX:StartFlightRecording=filename=/tmp/ves.jfr,settings=profile" to profile
    private final String collectorJvm = System.getProperty("bench.collector-jvm", "");
    private final StringBuilder report = new StringBuilder();
    private final String basic =
            "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private VesBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", ".")).toAbsolutePath().normalize();
        new VesBenchmark(root).run();
        System.exit(0);
    }

    void run() throws Exception {
        // bench.collector-jar: another build of the collector, e.g. main's, for a before/after comparison
        Path collectorJar = Path.of(System.getProperty(
                "bench.collector-jar",
                root.resolve("observability-collector/target/observability-collector-0.1.0-SNAPSHOT.jar")
                        .toString()));
        if (!Files.isRegularFile(collectorJar)) {
            throw new IllegalStateException(
                    "Build the collector first: ./mvnw -pl observability-collector package -DskipTests (missing "
                            + collectorJar + ")");
        }
        PostgresDatabase db = SharedPostgres.get().createDatabase("aiops_bench_ves");
        SharedRedis redis = SharedRedis.get();
        ServiceJarServer.Builder builder = BenchmarkServices.service(collectorJar, "ves-collector", db, redis);
        if (!collectorJvm.isBlank()) {
            builder.jvmOptions(collectorJvm.trim().split("\\s+"));
        }
        try (ServiceJarServer collector = builder.maxHeap("768m")
                .property("spring.datasource.hikari.maximum-pool-size", "16")
                .property("aiops.web.max-request-size", "8MB")
                .property("aiops.collector.ves.auth.mode", "BASIC")
                .property("aiops.collector.ves.auth.users[0].username", USER)
                .property("aiops.collector.ves.auth.users[0].password", "{noop}" + PASSWORD)
                // the limiter still runs (one Redis script per batch), with a limit the load stays under
                .property("aiops.collector.ves.rate-limit.events-per-second", "1000000")
                .property("aiops.collector.ves.rate-limit.burst", "10000000")
                .start()) {
            log("collector up at %s", collector.url());
            header();
            ingestion(collector.url(), db);
            if (rows > 0) {
                queries(collector.url(), db);
            }
        }
        log("wrote %s", PerformanceReport.writeSection(root, "ves", report.toString()));
    }

    private void header() {
        report.append("## VES ingestion (observability-collector)\n\n")
                .append("Measured ")
                .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                .append(" on this machine (")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, shared with other engineers' builds at the time: figures are a floor). ")
                .append("The collector runs from its jar (768 MB heap) against the test kit's PostgreSQL and Redis")
                .append(" on the same cores as the load driver. Each event is validated against the CEF 30.2.1 schema,")
                .append(" stored, and each batch written to the outbox for the FCAPS stream as one row in the same")
                .append(" transaction (one stream entry per event).\n\n")
                .append("Reproduce: `./mvnw -pl observability-collector,benchmarks -am package -DskipTests && ")
                .append("java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar ves` (system properties ")
                .append("`bench.clients`, `bench.batch`, `bench.seconds`, `bench.rows`, `bench.warmup-batches` (")
                .append(warmupBatches)
                .append(" in this run), `bench.collector-jar` to measure another build).\n\n");
    }

    void ingestion(URI collector, PostgresDatabase db) throws Exception {
        URI batchUri = collector.resolve("/eventListener/v7/eventBatch");
        AtomicInteger sequence = new AtomicInteger();
        // warm-up (JIT, pools, schema validator), stored and counted like the rest. On a loaded machine the
        // JIT compiler threads were still busy after 40 batches and took most of the collector's CPU during
        // the measurement; raise bench.warmup-batches (e.g. 400) to measure the compiled collector.
        long warmupEvents = 0;
        for (int i = 0; i < warmupBatches; i++) {
            int status = post(batchUri, body(sequence.getAndIncrement()));
            if (status != 202) {
                throw new IllegalStateException("warm-up batch answered " + status);
            }
            warmupEvents += batch;
        }
        log("warm-up done, measuring %d s with %d clients, batches of %d", seconds, clients, batch);
        String loadBefore = loadAverage();
        Map<String, Long> cpuBefore = cpuTicks(db);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    byte[] body = body(sequence.getAndIncrement());
                    long t0 = System.nanoTime();
                    int status = post(batchUri, body);
                    latencies.add(System.nanoTime() - t0);
                    if (status == 202) {
                        accepted.addAndGet(batch);
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        String loadAfter = loadAverage();
        pool.shutdown();
        long sent = accepted.get() + warmupEvents;
        long stored;
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from observability.fcaps_event")) {
            rs.next();
            stored = rs.getLong(1);
        }
        // at-least-once to the stream: wait (bounded) until the outbox has published every event
        long drainStart = System.nanoTime();
        long pending = Long.MAX_VALUE;
        while (pending > 0
                && System.nanoTime() - drainStart < Duration.ofMinutes(3).toNanos()) {
            try (Connection c = db.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            // events, not rows: a VES batch is one row carrying its events' ids
                            "select coalesce(sum(coalesce(cardinality(batch_event_ids), 1)), 0)"
                                    + " from observability.outbox_event where published_at is null")) {
                rs.next();
                pending = rs.getLong(1);
            }
            if (pending > 0) {
                Thread.sleep(500);
            }
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        Map<String, Long> cpuAfter = cpuTicks(db);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double rate = accepted.get() / elapsed;
        log(
                "accepted %d events in %.1f s = %.0f events/s; stored %d of %d sent; %d refused batches",
                accepted.get(), elapsed, rate, stored, sent, refused.get());
        report.append("| figure | value | goal |\n|---|---|---|\n")
                .append(row(
                        "sustained ingestion (events/s, " + clients + " clients, batches of " + batch + ")",
                        String.format(Locale.ROOT, "%.0f", rate),
                        "≥ 20,000"))
                .append(row("batches answered 202", String.valueOf(sorted.length - refused.get()), ""))
                .append(row("batches refused", String.valueOf(refused.get()), "0"))
                .append(row(
                        "accept latency per batch p50 / p95 / p99 (ms)",
                        String.format(
                                Locale.ROOT,
                                "%.1f / %.1f / %.1f",
                                ms(percentile(sorted, 0.50)),
                                ms(percentile(sorted, 0.95)),
                                ms(percentile(sorted, 0.99))),
                        "p99 < 100"))
                .append(row(
                        "events stored == events accepted (warm-up included)",
                        stored + " == " + sent + (stored == sent ? " ✓" : " ✗ LOST " + (sent - stored)),
                        "equal"))
                .append(row("load average (1/5/15 min) before / after the load", loadBefore + " / " + loadAfter, ""))
                .append(row(
                        "CPU time per 1,000 accepted events, load and drain (ms): collector / PostgreSQL / Redis"
                                + " / load driver",
                        cpuPerThousand(cpuBefore, cpuAfter, accepted.get()),
                        "less is better; independent of the machine's load"))
                .append(row(
                        "outbox → FCAPS stream: unpublished after the load / time to drain",
                        (pending == 0 ? "0" : pending + " (still pending after 3 min)")
                                + String.format(Locale.ROOT, " / %.1f s", drain),
                        ""))
                .append('\n');
    }

    void queries(URI collector, PostgresDatabase db) throws Exception {
        log("seeding the event store to %d rows", rows);
        long t0 = System.nanoTime();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("insert into observability.fcaps_event (received_at, source_name, event_id, domain, event_name,"
                    + " priority, severity, start_epoch_us, event)"
                    + " select now() - (i * interval '400 milliseconds'), 'seed-' || (i % 1000), 'seed-' || i,"
                    + " (array['fault','measurement','heartbeat','syslog'])[1 + i % 4], 'seed', 'Normal',"
                    + " case when i % 4 = 0 then (array['CRITICAL','MAJOR','MINOR','WARNING'])[1 + (i / 4) % 4] end,"
                    + " 1700000000000000 + i, '{\"commonEventHeader\": {\"domain\": \"seed\"}}'::jsonb"
                    + " from generate_series(1, " + rows + ") i");
            // what autovacuum does to an insert-only table soon after: statistics, and the visibility map
            // that lets the list's count(*) read the filter's index alone instead of every matching row
            s.execute("vacuum analyze observability.fcaps_event");
        }
        long total;
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from observability.fcaps_event")) {
            rs.next();
            total = rs.getLong(1);
        }
        log("seeded in %.0f s; %d rows stored", (System.nanoTime() - t0) / 1e9, total);
        String token = RegistryBenchmark.token("viewer");
        report.append(String.format(
                        Locale.ROOT,
                        "### GET /api/v1/fcaps/events at %,d stored events\n\n"
                                + "Rows seeded with `generate_series` over the last ~%.1f days (one partition a day),"
                                + " then `VACUUM ANALYZE` (as autovacuum does to an insert-only table); 50 sequential requests per line after 10 warm-up, page_size 20,"
                                + " the answer includes `total`, counted up to the bound of 10,000 (`total_exact` says"
                                + " whether it is exact). Load average (1/5/15 min) before the queries: %s.\n\n",
                        total,
                        rows * 0.4 / 86400,
                        loadAverage()))
                .append("| query | p50 (ms) | p99 (ms) | goal |\n|---|---|---|---|\n");
        String[][] cases = {
            {"no filter (newest first)", ""},
            {"source_name", "source_name=seed-42"},
            {"domain", "domain=fault"},
            {"severity", "severity=CRITICAL"},
            {"since (last hour)", "since=" + Instant.now().minus(Duration.ofHours(1))},
            {
                "source_name + domain + since/until (1 day)",
                "source_name=seed-40&domain=fault&since=" + Instant.now().minus(Duration.ofDays(2)) + "&until="
                        + Instant.now().minus(Duration.ofDays(1))
            },
            {"page 50 of domain=measurement", "domain=measurement&page=50"},
            {
                "page after a cursor 5,000 events deep (domain=measurement)",
                "domain=measurement&cursor=" + cursor(collector, token)
            }
        };
        for (String[] c : cases) {
            if (c[1].endsWith("cursor=null")) {
                log("%s: skipped, this collector returns no cursor", c[0]);
                continue;
            }
            URI uri = collector.resolve("/api/v1/fcaps/events?" + c[1]);
            for (int i = 0; i < 10; i++) {
                get(uri, token);
            }
            long[] times = new long[50];
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                int status = get(uri, token);
                times[i] = System.nanoTime() - t;
                if (status != 200) {
                    throw new IllegalStateException(uri + " answered " + status);
                }
            }
            Arrays.sort(times);
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | < 100 |\n",
                    c[0],
                    ms(percentile(times, 0.5)),
                    ms(percentile(times, 0.99))));
            log("%s: p50 %.1f ms, p99 %.1f ms", c[0], ms(percentile(times, 0.5)), ms(percentile(times, 0.99)));
        }
    }

    /**
     * The next_cursor of the page of domain=measurement that ends 5,000 events deep (page 50 of 100); null
     * from a collector without cursors.
     */
    private static String cursor(URI collector, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        collector.resolve("/api/v1/fcaps/events?domain=measurement&page=50&page_size=100"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"next_cursor\":\"([^\"]+)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private int post(URI uri, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", basic)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int get(URI uri, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One batch of ONAP-style events (a fault, a measurement and a heartbeat in turn), unique eventIds. */
    private byte[] body(int batchNumber) {
        StringBuilder b = new StringBuilder(batch * 700).append("{\"eventList\":[");
        long now = System.currentTimeMillis() * 1000;
        for (int i = 0; i < batch; i++) {
            if (i > 0) {
                b.append(',');
            }
            String source = "gnb-" + (i % 100);
            String id = "b" + batchNumber + "-" + i;
            // concatenated, not String.format: the driver shares the two cores with the collector
            String tail = "\",\"lastEpochMicrosec\":" + now
                    + ",\"priority\":\"Normal\",\"reportingEntityName\":\"ems-1\",\"sequence\":" + i
                    + ",\"sourceName\":\"" + source + "\",\"startEpochMicrosec\":" + now
                    + ",\"version\":\"4.1\",\"vesEventListenerVersion\":\"7.2.1\"}";
            java.util.function.BiFunction<String, String, String> header =
                    (domain, name) -> "\"commonEventHeader\":{\"domain\":\"" + domain + "\",\"eventId\":\"" + id
                            + "\",\"eventName\":\"" + name + tail;
            switch (i % 3) {
                case 0 ->
                    b.append('{')
                            .append(header.apply("fault", "Fault_gNB_LinkDown"))
                            .append(",\"faultFields\":{\"faultFieldsVersion\":\"4.0\",\"alarmCondition\":\"linkDown\","
                                    + "\"eventSeverity\":\"MAJOR\",\"eventSourceType\":\"gNB\",\"specificProblem\":"
                                    + "\"F1 link down\",\"vfStatus\":\"Active\",\"alarmInterfaceA\":\"eth1\"}}");
                case 1 ->
                    b.append('{')
                            .append(header.apply("measurement", "Measurement_gNB_Load"))
                            .append(
                                    ",\"measurementFields\":{\"measurementFieldsVersion\":\"4.0\",\"measurementInterval\":60,"
                                            + "\"cpuUsageArray\":[{\"cpuIdentifier\":\"cpu0\",\"percentUsage\":42.5}],"
                                            + "\"additionalFields\":{\"prbUsage\":\"0.61\"}}}");
                default ->
                    b.append('{')
                            .append(header.apply("heartbeat", "Heartbeat_gNB"))
                            .append(
                                    ",\"heartbeatFields\":{\"heartbeatFieldsVersion\":\"3.0\",\"heartbeatInterval\":60}}");
            }
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * CPU clock ticks used so far by this JVM (the load driver) and by the processes it started: the
     * collector's JVM, PostgreSQL (postmaster and backends) and redis-server. On a machine shared with other
     * builds, throughput says more about the neighbours than about the collector; CPU per event does not.
     */
    static Map<String, Long> cpuTicks(PostgresDatabase db) {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        ticks.put("driver", ticks(ProcessHandle.current().pid()));
        ProcessHandle.current().descendants().forEach(process -> {
            String command = process.info().command().orElse("");
            String group = command.endsWith("java") ? "collector" : command.contains("redis") ? "redis" : "other";
            ticks.merge(group, ticks(process.pid()), Long::sum);
        });
        // pg_ctl detaches the postmaster: found by its port, then its backends and workers
        String port =
                " -p " + URI.create(db.jdbcUrl().substring("jdbc:".length())).getPort() + " ";
        ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").endsWith("/postgres")
                        && (String.join(" ", process.info().arguments().orElse(new String[0])) + " ").contains(port))
                .forEach(postmaster -> {
                    ticks.merge("postgres", ticks(postmaster.pid()), Long::sum);
                    postmaster.descendants().forEach(child -> ticks.merge("postgres", ticks(child.pid()), Long::sum));
                });
        return ticks;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        } catch (java.io.IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }

    private static String cpuPerThousand(Map<String, Long> before, Map<String, Long> after, long events) {
        StringBuilder out = new StringBuilder();
        for (String group : List.of("collector", "postgres", "redis", "driver")) {
            long used = after.getOrDefault(group, 0L) - before.getOrDefault(group, 0L);
            // clock ticks are 1/100 s on Linux
            double ms = used * 10.0 * 1000 / Math.max(1, events);
            out.append(out.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%.0f", ms));
        }
        return out.toString();
    }

    /** The machine is shared: the figures mean little without the load they were measured under. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String row(String figure, String value, String goal) {
        return "| " + figure + " | " + value + " | " + goal + " |\n";
    }

    static void log(String format, Object... args) {
        System.out.println("[ves-benchmark] " + String.format(Locale.ROOT, format, args));
    }
}
