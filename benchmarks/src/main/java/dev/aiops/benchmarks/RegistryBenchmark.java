package dev.aiops.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the cluster registry as it runs: its executable jar in its own JVM, on the test kit's real
 * PostgreSQL and Redis. Two phases:
 *
 * <ol>
 *   <li>10,000 registered clusters: list with filters and paging, fleet views (latency p50/p99 of
 *       sequential requests, and throughput with 8 concurrent clients);
 *   <li>a health loop over 1,000 HUB clusters whose endpoints answer (a local stub) and 100 whose
 *       endpoints accept connections and never answer: checks per second, the registry's CPU, and the
 *       lateness of the healthy clusters' checks.
 * </ol>
 *
 * <p>Writes {@code docs/PERFORMANCE.md}. Run from the repository root after building the registry jar:
 * {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar}. System properties:
 * {@code bench.clusters}, {@code bench.healthy}, {@code bench.hanging}, {@code bench.health.seconds},
 * {@code bench.requests}, {@code aiops.root}.
 */
public final class RegistryBenchmark {

    static final String DEV_SECRET = "registry-benchmark-dev-secret-of-enough-length";
    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final Path root;
    private final int clusters = Integer.getInteger("bench.clusters", 10_000);
    private final int healthy = Integer.getInteger("bench.healthy", 1_000);
    private final int hanging = Integer.getInteger("bench.hanging", 100);
    private final int healthSeconds = Integer.getInteger("bench.health.seconds", 120);
    private final int requests = Integer.getInteger("bench.requests", 300);
    private final StringBuilder report = new StringBuilder();

    private RegistryBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", ".")).toAbsolutePath().normalize();
        new RegistryBenchmark(root).run();
        System.exit(0);
    }

    void run() throws Exception {
        Path jar = root.resolve("cluster-registry/target/cluster-registry-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Build the registry first: ./mvnw -pl cluster-registry package (missing " + jar + ")");
        }
        PostgresDatabase db = SharedPostgres.get().createDatabase("aiops_bench");
        SharedRedis redis = SharedRedis.get();
        header();

        log("phase 1: %d clusters, list and fleet views", clusters);
        try (ServiceJarServer registry = startRegistry(
                jar,
                db,
                redis,
                "list",
                Map.of(
                        "aiops.registry.health.enabled", "false",
                        "aiops.registry.discovery.enabled", "false"))) {
            seedFleet(db);
            listBenchmarks(registry);
        }

        log(
                "phase 2: health loop over %d answering + %d hanging HUB clusters for %d s",
                healthy, hanging, healthSeconds);
        try (Stub stub = Stub.start();
                Hanging sink = new Hanging()) {
            seedHealthFleet(db, stub.url(), sink.url());
            try (ServiceJarServer registry = startRegistry(
                    jar,
                    db,
                    redis,
                    "health",
                    Map.of(
                            "aiops.registry.discovery.enabled", "false",
                            "aiops.registry.health.history-sample-interval", "0s"))) {
                healthBenchmark(db, registry, stub, sink);
            }
        }

        log("wrote %s", PerformanceReport.writeSection(root, "registry", report.toString()));
    }

    // ------------------------------------------------------------------ phase 1

    void seedFleet(PostgresDatabase db) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("delete from clusters.cluster");
            s.execute("insert into clusters.cluster (id, name, display_name, api_server_url, cluster_type, platform,"
                    + " platform_version, region, environment, labels, state, health_score, connectivity, has_gpu_nodes,"
                    + " gpu_count, gpu_types, has_cnf_workloads, cnf_types, has_prometheus, created_at, updated_at,"
                    + " next_check_at, next_discovery_at)"
                    + " select gen_random_uuid(), 'cluster-' || lpad(i::text, 5, '0'), 'Cluster ' || i,"
                    + " 'https://api.c' || i || '.example.com:6443',"
                    + " (array['HUB','SPOKE','EDGE','FAR_EDGE'])[1 + i % 4],"
                    + " (array['OPENSHIFT','KUBERNETES','MICROSHIFT'])[1 + i % 3], '4.16.' || (i % 10),"
                    + " 'region-' || (i % 20), (array['PRODUCTION','STAGING','DEVELOPMENT','LAB'])[1 + (i / 3) % 4],"
                    + " jsonb_build_object('site', 'site-' || (i % 100), 'tier', (array['gold','silver','bronze'])[1 + (i / 7) % 3]),"
                    + " (array['ONLINE','OFFLINE','DEGRADED','UNKNOWN'])[1 + (i / 5) % 4], (i * 7) % 101,"
                    + " 'CONNECTED', i % 10 = 0, case when i % 10 = 0 then 8 else 0 end,"
                    + " case when i % 10 = 0 then '[\"NVIDIA-H100-80GB-HBM3\"]'::jsonb else '[]'::jsonb end,"
                    + " i % 5 = 0, case when i % 5 = 0 then '[\"UPF\",\"AMF\"]'::jsonb else '[]'::jsonb end,"
                    + " true, now() - i * interval '1 second', now(), now() + interval '1 day', now() + interval '1 day'"
                    + " from generate_series(1, " + clusters + ") as i");
            s.execute("analyze clusters.cluster");
        }
        log("seeded %d clusters in %d ms", clusters, (System.nanoTime() - started) / 1_000_000);
    }

    void listBenchmarks(ServiceJarServer registry) throws Exception {
        String token = token("viewer");
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("first page (20, default sort)", "/api/v1/clusters");
        queries.put("page_size=100", "/api/v1/clusters?page_size=100");
        queries.put("deep page (page=400)", "/api/v1/clusters?page=400&page_size=20");
        queries.put("name contains", "/api/v1/clusters?name=cluster-012");
        queries.put("cluster_type + environment", "/api/v1/clusters?cluster_type=EDGE&environment=PRODUCTION");
        queries.put("region + state", "/api/v1/clusters?region=region-7&state=ONLINE");
        queries.put("has_gpu, sort -health_score", "/api/v1/clusters?has_gpu=true&sort=-health_score");
        queries.put("label site", "/api/v1/clusters?label=site=site-42");
        queries.put("2 labels + has_cnf", "/api/v1/clusters?label=site=site-40&label=tier=gold&has_cnf=true");
        queries.put("fleet summary", "/api/v1/fleet/summary");
        queries.put("fleet health", "/api/v1/fleet/health");
        queries.put("fleet capabilities", "/api/v1/fleet/capabilities");

        // one JIT warm-up over every query, so the first one measured does not pay for compilation
        for (int round = 0; round < 100; round++) {
            for (String path : queries.values()) {
                get(registry.url() + path, token);
            }
        }

        report.append("### 1. Listing ")
                .append(String.format(Locale.ROOT, "%,d", clusters))
                .append(" clusters\n\n");
        report.append("Sequential requests from one client over keep-alive HTTP/1.1, ")
                .append(requests)
                .append(" measured per query after a JIT warm-up (100 rounds over all queries) and 50 more warm-up ")
                .append("requests each; latency is the full round trip (JWT check, ")
                .append("query, JSON).\n\n");
        report.append("| query | matches | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            String url = registry.url() + query.getValue();
            String body = get(url, token).body();
            String total = body.contains("\"total\"") ? body.replaceAll("(?s).*\"total\":(\\d+).*", "$1") : "-";
            for (int i = 0; i < 50; i++) {
                get(url, token);
            }
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                HttpResponse<String> response = get(url, token);
                nanos[i] = System.nanoTime() - t;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(query.getValue() + " answered " + response.statusCode());
                }
            }
            Arrays.sort(nanos);
            report.append(String.format(
                    Locale.ROOT,
                    "| %s `%s` | %s | %.1f | %.1f | %.1f |%n",
                    query.getKey(),
                    query.getValue(),
                    total,
                    ms(percentile(nanos, 0.50)),
                    ms(percentile(nanos, 0.99)),
                    ms(nanos[nanos.length - 1])));
            log(
                    "%-32s p50 %.1f ms p99 %.1f ms",
                    query.getKey(), ms(percentile(nanos, 0.50)), ms(percentile(nanos, 0.99)));
        }

        // throughput with concurrent clients on a filtered list
        String url = registry.url() + "/api/v1/clusters?cluster_type=EDGE&label=tier=gold&page_size=20";
        int clients = 8;
        Duration length = Duration.ofSeconds(20);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> samples = new CopyOnWriteArrayList<>();
        Instant end = Instant.now().plus(length);
        long cpuBefore = registry.cpuTime().toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    long t = System.nanoTime();
                    get(url, token);
                    samples.add(System.nanoTime() - t);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        long cpu = registry.cpuTime().toNanos() - cpuBefore;
        long[] all = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        double throughput = all.length / (double) length.toSeconds();
        report.append(String.format(
                Locale.ROOT,
                "%nWith %d concurrent clients on `%s` for %d s: **%.0f requests/s**, "
                        + "p50 %.1f ms, p99 %.1f ms; the registry used %.0f%% of one core.%n%n",
                clients,
                url.substring(registry.url().toString().length()),
                length.toSeconds(),
                throughput,
                ms(percentile(all, 0.50)),
                ms(percentile(all, 0.99)),
                100.0 * cpu / length.toNanos()));
        log("throughput %.0f req/s", throughput);
    }

    // ------------------------------------------------------------------ phase 2

    void seedHealthFleet(PostgresDatabase db, String stubUrl, String hangingUrl) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("delete from clusters.cluster");
            // due times spread over one HUB interval, as registrations would be
            s.execute("insert into clusters.cluster (id, name, api_server_url, prometheus_url, cluster_type, platform,"
                    + " environment, labels, created_at, updated_at, next_check_at, next_discovery_at)"
                    + " select gen_random_uuid(), 'healthy-' || i, '" + stubUrl + "', '" + stubUrl
                    + "', 'HUB', 'KUBERNETES',"
                    + " 'PRODUCTION', '{\"bench\":\"healthy\"}'::jsonb, now(), now(),"
                    + " now() + random() * interval '15 seconds', now() + interval '1 day'"
                    + " from generate_series(1, " + healthy + ") as i");
            s.execute("insert into clusters.cluster (id, name, api_server_url, prometheus_url, cluster_type, platform,"
                    + " environment, labels, created_at, updated_at, next_check_at, next_discovery_at)"
                    + " select gen_random_uuid(), 'hanging-' || i, '" + hangingUrl + "', '" + hangingUrl
                    + "', 'HUB', 'KUBERNETES',"
                    + " 'PRODUCTION', '{\"bench\":\"hanging\"}'::jsonb, now(), now(),"
                    + " now() + random() * interval '15 seconds', now() + interval '1 day'"
                    + " from generate_series(1, " + hanging + ") as i");
            s.execute("analyze clusters.cluster");
        }
    }

    void healthBenchmark(PostgresDatabase db, ServiceJarServer registry, Stub stub, Hanging sink) throws Exception {
        Duration warmUp = Duration.ofSeconds(30);
        log("warming up %d s", warmUp.toSeconds());
        Thread.sleep(warmUp.toMillis());
        Instant from = Instant.now();
        long cpuBefore = registry.cpuTime().toNanos();
        long stubBefore = stub.served.get();
        Thread.sleep(healthSeconds * 1000L);
        Instant to = Instant.now();
        long cpu = registry.cpuTime().toNanos() - cpuBefore;
        long stubServed = stub.served.get() - stubBefore;
        double seconds = Duration.between(from, to).toMillis() / 1000.0;

        String window = "h.checked_at between '" + from + "'::timestamptz and '" + to + "'::timestamptz";
        Map<String, Long> checks = new LinkedHashMap<>();
        double[] lateness = new double[4];
        long[] states = new long[2];
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("select c.labels ->> 'bench' as kind, count(*) from clusters.health_check h"
                            + " join clusters.cluster c on c.id = h.cluster_id where " + window + " group by 1")) {
                while (rs.next()) {
                    checks.put(rs.getString(1), rs.getLong(2));
                }
            }
            // lateness: how much later than one interval after the previous check each check of an
            // answering cluster started (checked_at is recorded at the end of a check that takes ~1 ms here)
            try (ResultSet rs =
                    s.executeQuery("with gaps as (select extract(epoch from h.checked_at - lag(h.checked_at)"
                            + " over (partition by h.cluster_id order by h.checked_at)) - 15 as late from clusters.health_check h"
                            + " join clusters.cluster c on c.id = h.cluster_id where c.labels ->> 'bench' = 'healthy' and "
                            + window + ")"
                            + " select percentile_cont(0.5) within group (order by late), percentile_cont(0.99) within group"
                            + " (order by late), max(late), count(*) from gaps where late is not null")) {
                rs.next();
                lateness[0] = rs.getDouble(1);
                lateness[1] = rs.getDouble(2);
                lateness[2] = rs.getDouble(3);
                lateness[3] = rs.getDouble(4);
            }
            try (ResultSet rs =
                    s.executeQuery("select count(*) filter (where labels ->> 'bench' = 'healthy' and state = 'ONLINE'),"
                            + " count(*) filter (where labels ->> 'bench' = 'hanging' and state in ('OFFLINE','UNKNOWN'))"
                            + " from clusters.cluster")) {
                rs.next();
                states[0] = rs.getLong(1);
                states[1] = rs.getLong(2);
            }
        }
        long healthyChecks = checks.getOrDefault("healthy", 0L);
        long hangingChecks = checks.getOrDefault("hanging", 0L);
        double expected = (healthy + hanging) / 15.0;
        report.append("### 2. Health loop\n\n");
        report.append(String.format(
                Locale.ROOT,
                "%,d HUB clusters (interval 15 s, timeout 5 s) whose API server and "
                        + "Prometheus answer from a local stub, plus %d whose endpoints accept the connection and never "
                        + "answer. One registry replica, default settings (256 concurrent checks, every check recorded "
                        + "in the history for the measurement). Measured for %.0f s after a %d s warm-up.%n%n",
                healthy,
                hanging,
                seconds,
                warmUp.toSeconds()));
        report.append("| measure | value |\n|---|---:|\n");
        report.append(String.format(
                Locale.ROOT,
                "| checks completed / s (all) | %.1f (schedule asks for %.1f) |%n",
                (healthyChecks + hangingChecks) / seconds,
                expected));
        report.append(String.format(
                Locale.ROOT,
                "| checks completed / s (answering clusters) | %.1f (schedule: %.1f) |%n",
                healthyChecks / seconds,
                healthy / 15.0));
        report.append(String.format(
                Locale.ROOT,
                "| checks completed / s (hanging clusters, each a 5 s timeout) | %.1f (schedule: %.1f) |%n",
                hangingChecks / seconds,
                hanging / 15.0));
        report.append(String.format(
                Locale.ROOT, "| lateness of answering clusters' checks, p50 | %.0f ms |%n", lateness[0] * 1000));
        report.append(String.format(Locale.ROOT, "| lateness, p99 | %.0f ms |%n", lateness[1] * 1000));
        report.append(String.format(
                Locale.ROOT,
                "| lateness, max (%,.0f intervals measured) | %.0f ms |%n",
                lateness[3],
                lateness[2] * 1000));
        report.append(String.format(
                Locale.ROOT, "| registry CPU (process, of one core) | %.1f %% |%n", 100.0 * cpu / (seconds * 1e9)));
        report.append(String.format(
                Locale.ROOT,
                "| stub requests served / s (API server + Prometheus probes) | %.1f |%n",
                stubServed / seconds));
        report.append(String.format(
                Locale.ROOT, "| answering clusters ONLINE at the end | %,d of %,d |%n", states[0], healthy));
        report.append(String.format(
                Locale.ROOT, "| hanging clusters OFFLINE or UNKNOWN at the end | %,d of %,d |%n", states[1], hanging));
        report.append(String.format(
                Locale.ROOT,
                "| connections accepted by the hanging endpoints (none answered) | %,d |%n%n",
                sink.accepted.get()));
        log(
                "checks/s %.1f, lateness p99 %.0f ms, cpu %.1f%%",
                (healthyChecks + hangingChecks) / seconds, lateness[1] * 1000, 100.0 * cpu / (seconds * 1e9));
        footer();
    }

    // ------------------------------------------------------------------ report

    void header() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        report.append("## Cluster registry\n\n");
        report.append(
                        "Figures from `benchmarks` (`dev.aiops.benchmarks.RegistryBenchmark`), a load driver that runs the ")
                .append(
                        "cluster registry's executable jar in its own JVM against the test kit's real PostgreSQL 17 and ")
                .append("Redis. Regenerate with:\n\n```\n./mvnw -pl cluster-registry package -DskipTests\n")
                .append(
                        "./mvnw -f benchmarks/pom.xml package\njava -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar registry\n```\n\n");
        report.append(String.format(
                Locale.ROOT,
                "Measured %s UTC on %d CPU(s), %s %s, Java %s (%s). PostgreSQL, Redis, the registry and the load "
                        + "driver (with its stub servers) all share these CPUs, so the figures are a floor, not a "
                        + "capacity plan.%n%n",
                Instant.now().toString().substring(0, 16).replace('T', ' '),
                os.getAvailableProcessors(),
                os.getName(),
                os.getArch(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name")));
    }

    void footer() {
        report.append("### How to read these\n\n")
                .append(
                        "- List queries are single SQL statements over indexed columns (b-trees on the filter columns, ")
                .append("a GIN index on `labels` for `label=k=v` containment, a trigram index for `name` when pg_trgm ")
                .append("is available) plus a `count(*)` for `total`; deep pages pay for the OFFSET.\n")
                .append("- Fleet views are computed by PostgreSQL (grouping sets, jsonb expansion), a few statements ")
                .append("whatever the fleet size.\n")
                .append(
                        "- Health checks hold no thread while waiting: a hanging endpoint occupies one of the 256 check ")
                .append("slots for its 5 s timeout, so 100 of them take about 33 slots on average and the answering ")
                .append("clusters are never queued behind them; lateness here is scheduling (1 s poll) plus ")
                .append("recording, not waiting for slow clusters.\n")
                .append("- Tests never assert on these numbers; they only say what this machine did.\n");
    }

    // ------------------------------------------------------------------ helpers

    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An HS256 token as the platform's dev issuer signs them (issuer {@code aiops-dev}, claim {@code roles}). */
    static String token(String role) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String payload =
                "{\"iss\":\"aiops-dev\",\"aud\":\"aiops-nextgen\",\"sub\":\"benchmark\",\"preferred_username\":\"benchmark\","
                        + "\"roles\":[\"" + role + "\"],\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 7200)
                        + "}";
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String signingInput = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(DEV_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + encoder.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    }

    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    static void log(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(Locale.ROOT, format, args));
    }

    /** The registry jar in its own JVM, allowed to check the benchmark's fake clusters on loopback. */
    static ServiceJarServer startRegistry(
            Path jar, PostgresDatabase db, SharedRedis redis, String name, Map<String, String> extra) {
        return BenchmarkServices.service(jar, "registry-" + name, db, redis)
                .property("aiops.registry.url-guard.allow-loopback", "true")
                .properties(extra)
                .start();
    }

    /** Answers every request at once with 200 "ok", like a ready API server or Prometheus. */
    static final class Stub implements AutoCloseable {
        final AtomicLong served = new AtomicLong();
        private final HttpServer server;
        private final ExecutorService pool = Executors.newFixedThreadPool(8);

        private Stub(HttpServer server) {
            this.server = server;
        }

        static Stub start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
            Stub stub = new Stub(server);
            server.createContext("/", exchange -> {
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                stub.served.incrementAndGet();
            });
            server.setExecutor(stub.pool);
            server.start();
            return stub;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    /** Accepts connections and never answers. */
    static final class Hanging implements AutoCloseable {
        final AtomicLong accepted = new AtomicLong();
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        Hanging() throws IOException {
            server = new ServerSocket(0, 2000, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                held.add(server.accept());
                                accepted.incrementAndGet();
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "hanging-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
