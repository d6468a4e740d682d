package dev.aiops.benchmarks;

import static dev.aiops.benchmarks.RegistryBenchmark.ms;
import static dev.aiops.benchmarks.RegistryBenchmark.percentile;

import dev.aiops.testkit.MetricsEndpoint;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.PrometheusServer;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the observability collector's fan-out over 10 real Prometheus servers on this machine: the
 * registry and the collector run from their jars in their own JVMs (real PostgreSQL and Redis from the test
 * kit), the clusters are registered through the registry's API, and the load driver compares, in the same
 * run, the federated instant query with the slowest of the 10 direct queries sent in parallel. Then cache
 * hits, throughput at 16 concurrent clients, and the same with an 11th Prometheus that hangs. Bounded: a few
 * minutes. System properties: {@code bench.prometheus} (10), {@code bench.requests} (200),
 * {@code bench.seconds} (15), {@code aiops.root}.
 */
public final class FederationBenchmark {

    // the registry benchmark's token helper signs with this secret
    static final String DEV_SECRET = RegistryBenchmark.DEV_SECRET;
    static final String QUERY = "sum by (mode) (rate(bench_cpu_seconds_total[1m]))";
    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final Path root;
    private final int prometheusCount = Integer.getInteger("bench.prometheus", 10);
    private final int requests = Integer.getInteger("bench.requests", 200);
    private final int seconds = Integer.getInteger("bench.seconds", 15);
    private final StringBuilder report = new StringBuilder();
    private String token;

    private FederationBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", ".")).toAbsolutePath().normalize();
        new FederationBenchmark(root).run();
        System.exit(0);
    }

    void run() throws Exception {
        Path registryJar = root.resolve("cluster-registry/target/cluster-registry-0.1.0-SNAPSHOT.jar");
        Path collectorJar = root.resolve("observability-collector/target/observability-collector-0.1.0-SNAPSHOT.jar");
        for (Path jar : List.of(registryJar, collectorJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Build the services first: ./mvnw -pl cluster-registry,"
                        + "observability-collector package -DskipTests (missing " + jar + ")");
            }
        }
        token = RegistryBenchmark.token("operator");
        PostgresDatabase db = SharedPostgres.get().createDatabase("aiops_bench_federation");
        SharedRedis redis = SharedRedis.get();
        List<MetricsEndpoint> targets = new ArrayList<>();
        List<PrometheusServer> servers = new ArrayList<>();
        log("starting %d Prometheus servers", prometheusCount);
        try {
            for (int i = 0; i < prometheusCount; i++) {
                MetricsEndpoint target = MetricsEndpoint.serving(exposition(i));
                targets.add(target);
                servers.add(PrometheusServer.builder()
                        .interval(Duration.ofSeconds(5))
                        .scrapeTarget("node", target.hostPort(), MetricsEndpoint.PATH)
                        .start());
            }
            // both services start at once (each takes long on a busy machine); the collector only needs the
            // registry's URL when the first query comes
            int registryPort = ServiceJarServer.freePort();
            CompletableFuture<ServiceJarServer> registryStart = CompletableFuture.supplyAsync(
                    () -> service(registryJar, db, redis, registryPort, "aiops.registry.health.enabled", "false"));
            CompletableFuture<ServiceJarServer> collectorStart = CompletableFuture.supplyAsync(() -> service(
                    collectorJar,
                    db,
                    redis,
                    0,
                    "aiops.services.cluster-registry.url",
                    "http://127.0.0.1:" + registryPort));
            try (RegistryBenchmark.Hanging hanging = new RegistryBenchmark.Hanging();
                    ServiceJarServer registry = registryStart.get();
                    ServiceJarServer collector = collectorStart.get()) {
                log("services up");
                for (int i = 0; i < servers.size(); i++) {
                    register(registry.url(), "bench-" + i, servers.get(i).url().toString());
                }
                Thread.sleep(12_000); // two scrapes, so rate() has data everywhere
                header();
                measure(collector.url(), servers, "10 answering");
                register(registry.url(), "bench-hanging", hanging.url());
                Thread.sleep(2_000); // CLUSTER_REGISTERED reaches the collector
                measureHanging(collector.url());
            }
        } finally {
            servers.forEach(PrometheusServer::stop);
            targets.forEach(MetricsEndpoint::close);
        }
        log("wrote %s", PerformanceReport.writeSection(root, "federation", report.toString()));
    }

    private ServiceJarServer service(
            Path jar, PostgresDatabase db, SharedRedis redis, int port, String key, String value) {
        String name = jar.getFileName().toString().replaceFirst("-[0-9].*", "");
        return BenchmarkServices.service(jar, "federation-" + name, db, redis)
                .port(port)
                .maxHeap("512m")
                .property("aiops.registry.url-guard.allow-loopback", "true")
                .property("aiops.registry.discovery.enabled", "false")
                .property("aiops.collector.federation.cluster-timeout", "2s")
                .property("aiops.collector.federation.url-guard.allow-loopback", "true")
                .property(key, value)
                .start();
    }

    void measure(URI collector, List<PrometheusServer> servers, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(servers.size());
        // warm-up: the collector's JIT and connection pools, not measured
        for (int i = 0; i < 30; i++) {
            get(collector.resolve("/prometheus/api/v1/query?query=" + enc(QUERY)), "no-cache");
        }
        long[] direct = new long[requests];
        long[] federated = new long[requests];
        for (int i = 0; i < requests; i++) {
            List<CompletableFuture<Long>> each = new ArrayList<>();
            for (PrometheusServer server : servers) {
                each.add(CompletableFuture.supplyAsync(
                        () -> {
                            long s = System.nanoTime();
                            get(server.url().resolve("/api/v1/query?query=" + enc(QUERY)), null);
                            return System.nanoTime() - s;
                        },
                        pool));
            }
            long slowest = 0;
            for (CompletableFuture<Long> f : each) {
                slowest = Math.max(slowest, f.get());
            }
            direct[i] = slowest;
            long t1 = System.nanoTime();
            get(collector.resolve("/prometheus/api/v1/query?query=" + enc(QUERY)), "no-cache");
            federated[i] = System.nanoTime() - t1;
            if (i == 0) {
                log("first round: direct slowest %.1f ms, federated %.1f ms", ms(direct[0]), ms(federated[0]));
            }
        }
        pool.shutdown();
        long[] cached = new long[requests];
        get(collector.resolve("/prometheus/api/v1/query?query=" + enc(QUERY)), null);
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            get(collector.resolve("/prometheus/api/v1/query?query=" + enc(QUERY)), null);
            cached[i] = System.nanoTime() - t;
        }
        Arrays.sort(direct);
        Arrays.sort(federated);
        Arrays.sort(cached);
        double qps = throughput(collector, 16);
        report.append("| measure (" + label + ", " + requests + " requests) | p50 ms | p99 ms |\n|---|---:|---:|\n");
        row("slowest of the direct queries (10 in parallel)", direct);
        row("federated through the collector, cache bypassed", federated);
        row("federated, cache hit", cached);
        report.append(String.format(
                Locale.ROOT,
                "%nGoal: federated ≤ 1.2 × slowest direct + 5 ms. p50: %.1f ms vs %.1f ms allowed; p99: %.1f ms vs"
                        + " %.1f ms allowed.%n%nThroughput, 16 concurrent clients, cache bypassed, %d s: **%.0f"
                        + " queries/s** (after 30 unmeasured warm-up queries).%n%n",
                ms(percentile(federated, 0.5)),
                1.2 * ms(percentile(direct, 0.5)) + 5,
                ms(percentile(federated, 0.99)),
                1.2 * ms(percentile(direct, 0.99)) + 5,
                seconds,
                qps));
        log("%s", report);
    }

    void measureHanging(URI collector) throws Exception {
        long[] latencies = new long[Math.max(20, requests / 10)];
        String statuses = "";
        for (int i = 0; i < latencies.length; i++) {
            long t = System.nanoTime();
            String body = get(collector.resolve("/prometheus/api/v1/query?query=" + enc(QUERY)), "no-cache");
            latencies[i] = System.nanoTime() - t;
            if (i == 0) {
                statuses = body.contains("bench-hanging") ? "the hanging cluster is named in `warnings`" : "";
            }
        }
        Arrays.sort(latencies);
        double qps = throughput(collector, 16);
        report.append("With an 11th Prometheus that accepts connections and never answers (per-cluster timeout 2 s, ")
                .append(latencies.length)
                .append(" sequential requests; ")
                .append(statuses)
                .append("):\n\n| measure | p50 ms | p99 ms |\n|---|---:|---:|\n");
        row("federated, one cluster hanging", latencies);
        report.append(String.format(
                Locale.ROOT,
                "%nThroughput with the hanging cluster, 16 clients: **%.0f queries/s** (each request waits for the"
                        + " 2 s timeout; until the circuit breaker opens, after which the hanging cluster is skipped at"
                        + " once).%n%n",
                qps));
    }

    double throughput(URI collector, int clients) throws Exception {
        AtomicLong done = new AtomicLong();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            all.add(CompletableFuture.runAsync(
                    () -> {
                        while (System.nanoTime() < until) {
                            get(collector.resolve("/prometheus/api/v1/query?query=" + enc(QUERY)), "no-cache");
                            done.incrementAndGet();
                        }
                    },
                    pool));
        }
        for (CompletableFuture<Void> f : all) {
            f.get();
        }
        pool.shutdown();
        return done.get() / (double) seconds;
    }

    private void row(String name, long[] sorted) {
        report.append(String.format(
                Locale.ROOT,
                "| %s | %.1f | %.1f |%n",
                name,
                ms(percentile(sorted, 0.5)),
                ms(percentile(sorted, 0.99))));
    }

    private String get(URI uri, String cacheControl) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            if (uri.getPath().startsWith("/prometheus")) {
                request.header("Authorization", "Bearer " + token);
            }
            if (cacheControl != null) {
                request.header("Cache-Control", cacheControl);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void register(URI registry, String name, String prometheusUrl) throws Exception {
        String body = """
                {"name": "%s", "api_server_url": "https://127.0.0.1:6443", "platform": "KUBERNETES",
                 "endpoints": {"prometheus_url": "%s"}}
                """.formatted(name, prometheusUrl);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(registry.resolve("/api/v1/clusters"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering " + name + ": " + response.body());
        }
    }

    static String exposition(int cluster) {
        StringBuilder s = new StringBuilder("# TYPE bench_cpu_seconds_total counter\n");
        for (int cpu = 0; cpu < 8; cpu++) {
            for (String mode : List.of("user", "system", "idle", "iowait", "irq", "steal")) {
                s.append("bench_cpu_seconds_total{cpu=\"")
                        .append(cpu)
                        .append("\",mode=\"")
                        .append(mode)
                        .append("\"} ")
                        .append(1000 + cluster * 100 + cpu * 10 + mode.length())
                        .append('\n');
            }
        }
        return s.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    void header() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        report.append("## Observability collector: federated PromQL\n\n")
                .append("Figures from `dev.aiops.benchmarks.FederationBenchmark`: ")
                .append(prometheusCount)
                .append(" real Prometheus 2.42 servers on this machine (one per registered cluster, each scraping")
                .append(" a 48-series target), cluster-registry and the collector from their jars, the clusters")
                .append(" registered through the registry's API, queries on the Prometheus-compatible API with a")
                .append(" bearer token. Query: `")
                .append(QUERY)
                .append("` (a partial aggregate per cluster, merged by the collector). Regenerate with:\n\n```\n")
                .append("./mvnw -pl cluster-registry,observability-collector package -DskipTests\n")
                .append("./mvnw -f benchmarks/pom.xml package\n")
                .append("java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar federation\n```\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "Measured %s UTC on %d CPU(s), Java %s. Every Prometheus, both services, PostgreSQL, Redis and"
                                + " the load driver share these CPUs, so the figures"
                                + " are a floor.%n%n",
                        Instant.now().toString().substring(0, 16).replace('T', ' '),
                        os.getAvailableProcessors(),
                        System.getProperty("java.version")));
    }

    static void log(String format, Object... args) {
        System.out.println("[federation-benchmark] " + String.format(Locale.ROOT, format, args));
    }
}
