package dev.aiops.benchmarks;

import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway overhead: one trivial endpoint (a local stub answering 200 "ok") called directly and through
 * the gateway jar, with JWT validation and rate limiting on (limits raised for the benchmark user, so
 * every request takes its tokens from Redis and none is refused), side by side in one run with
 * {@code wrk}. Reports throughput of each, their ratio, and the p50/p99 the gateway adds.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl gateway,benchmarks -am package -DskipTests}:
 * {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar gateway}. System properties:
 * {@code bench.seconds} (per measurement, default 20), {@code bench.connections} (default 32),
 * {@code bench.threads} (wrk threads, default 2), {@code bench.max-warmup-seconds} (through the gateway,
 * until its CPU time per request settles; default 300), {@code aiops.root}.
 */
public final class GatewayBenchmark {

    private static final String PATH = "/api/v1/clusters";

    private final Path root;
    private final int seconds = Integer.getInteger("bench.seconds", 20);
    private final int connections = Integer.getInteger("bench.connections", 32);
    private final int threads = Integer.getInteger("bench.threads", 2);
    private final int maxWarmUpSeconds = Integer.getInteger("bench.max-warmup-seconds", 300);

    private static final int WARM_UP_WINDOW_SECONDS = 15;

    private GatewayBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", ".")).toAbsolutePath().normalize();
        new GatewayBenchmark(root).run();
    }

    record Wrk(double requestsPerSecond, double p50Ms, double p99Ms, long errors, long requests, String raw) {}

    /** One run through the gateway and the CPU time the gateway's JVM spent on it. */
    record Costed(Wrk run, double cpuMsPerRequest) {}

    void run() throws Exception {
        Path jar = root.resolve("gateway/target/gateway-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Build the gateway first: ./mvnw -pl gateway package (missing " + jar + ")");
        }
        SharedRedis redis = SharedRedis.get();
        String token = RegistryBenchmark.token("viewer");
        try (RegistryBenchmark.Stub stub = RegistryBenchmark.Stub.start();
                ServiceJarServer gateway = startGateway(jar, redis, stub.url())) {
            String direct = stub.url() + PATH;
            String through = gateway.url() + PATH;
            // the request must really pass the gateway's checks and reach the stub
            // (the first calls may pass unlimited while the limiter's connection and script warm up)
            HttpResponse<String> probe = null;
            for (int i = 0; i < 50; i++) {
                try {
                    probe = RegistryBenchmark.HTTP.send(
                            HttpRequest.newBuilder(URI.create(through))
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(java.time.Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (java.net.http.HttpTimeoutException e) {
                    // the first calls of a cold gateway on a loaded machine can take that long; ask again
                    RegistryBenchmark.log("probe timed out, again");
                    continue;
                }
                if (probe.statusCode() == 200
                        && probe.headers().firstValue("X-RateLimit-Limit").isPresent()) {
                    break;
                }
            }
            if (probe == null
                    || probe.statusCode() != 200
                    || probe.headers().firstValue("X-RateLimit-Limit").isEmpty()) {
                throw new IllegalStateException("gateway answered "
                        + (probe == null ? "nothing in time" : probe.statusCode() + " " + probe.headers()));
            }
            List<Double> warmUp = warmUp(gateway, through, token);
            wrk(direct, token, seconds / 2);

            RegistryBenchmark.log("measuring: direct, then through the gateway, %d s each", seconds);
            Wrk directRun = wrk(direct, token, seconds);
            Costed gatewayRun = costed(gateway, through, token, seconds);
            String section = report(directRun, gatewayRun, warmUp) + limiterNote(gateway.log());
            RegistryBenchmark.log("wrote %s", PerformanceReport.writeSection(root, "gateway", section));
            System.out.println(section);
        }
    }

    /**
     * Load through the gateway in windows until its CPU time per request settles (two windows within 10 %),
     * at most {@code bench.max-warmup-seconds}. A fresh JVM runs this much code interpreted until the JIT
     * has compiled it, and on a busy 2-core machine the compiler threads get so little CPU that this takes
     * minutes: a fixed 20 s warm-up measured mostly interpreted code (10 to 20x the settled cost).
     */
    private List<Double> warmUp(ServiceJarServer gateway, String url, String token)
            throws IOException, InterruptedException {
        List<Double> curve = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + maxWarmUpSeconds * 1_000_000_000L;
        double previous = Double.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            double cost = costed(gateway, url, token, WARM_UP_WINDOW_SECONDS).cpuMsPerRequest();
            curve.add(cost);
            RegistryBenchmark.log("warm-up window %d: %.3f ms of gateway CPU per request", curve.size(), cost);
            if (Math.abs(previous - cost) <= 0.1 * cost) {
                break;
            }
            previous = cost;
        }
        return curve;
    }

    private Costed costed(ServiceJarServer gateway, String url, String token, int duration)
            throws IOException, InterruptedException {
        java.time.Duration before = gateway.cpuTime();
        Wrk run = wrk(url, token, duration);
        double cpuMs = gateway.cpuTime().minus(before).toNanos() / 1_000_000.0;
        return new Costed(run, run.requests() == 0 ? Double.NaN : cpuMs / run.requests());
    }

    private String report(Wrk direct, Costed costed, List<Double> warmUp) {
        Wrk gateway = costed.run();
        StringBuilder out = new StringBuilder();
        out.append("### Gateway overhead\n\n")
                .append("`wrk -t")
                .append(threads)
                .append(" -c")
                .append(connections)
                .append(" -d")
                .append(seconds)
                .append("s --latency` against one trivial endpoint (a JDK HttpServer stub answering 200 \"ok\" with ")
                .append("8 threads), first directly, then through the gateway jar (`")
                .append(PATH)
                .append("`, routed to the stub like the registry route): JWT validation (HS256), the access ")
                .append("policy, three token buckets in Redis per request (global, user, and none of the rules ")
                .append("match), request id, circuit breaker and retry filters. Limits raised for the benchmark ")
                .append("so no request is refused. Same machine for wrk, stub, gateway and Redis (")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores), measured after a warm-up of each (through the gateway: until its CPU time per")
                .append(" request settles, see below).\n\n");
        out.append("| | requests/s | p50 | p99 | errors |\n|---|---:|---:|---:|---:|\n");
        row(out, "direct", direct);
        row(out, "through the gateway", gateway);
        out.append(String.format(
                Locale.ROOT,
                "\nThroughput ratio: **%.0f %%** of direct (goal ≥ 50 %%; Spring Cloud Gateway's own published"
                        + " benchmark: 28 %%). Added latency: p50 **+%.2f ms**, p99 **+%.2f ms** (goal ≤ 2 ms).\n",
                100 * gateway.requestsPerSecond() / direct.requestsPerSecond(),
                gateway.p50Ms() - direct.p50Ms(),
                gateway.p99Ms() - direct.p99Ms()));
        out.append(String.format(
                Locale.ROOT,
                "\nGateway CPU time per proxied request (the gateway JVM's CPU time over the measured run divided by"
                        + " the requests wrk completed; unlike throughput and latency it depends little on how much"
                        + " CPU the rest of the machine leaves): **%.3f ms**. Warm-up, %d s windows until two agree"
                        + " within 10 %%: %s ms per request.\n",
                costed.cpuMsPerRequest(),
                WARM_UP_WINDOW_SECONDS,
                warmUp.stream()
                        .map(cost -> String.format(Locale.ROOT, "%.2f", cost))
                        .collect(java.util.stream.Collectors.joining(" → "))));
        return out.toString();
    }

    /** Whether the limiter really ran: its breaker logs every state change at WARN. */
    private static String limiterNote(String log) {
        List<String> lines = log.lines().toList();
        long transitions = lines.stream()
                .filter(line -> line.contains("Rate limiter breaker"))
                .count();
        long unavailable = lines.stream()
                .filter(line -> line.contains("Rate limiter unavailable"))
                .count();
        return transitions == 0 && unavailable == 0
                ? "\nThe limiter answered throughout (no timeout logged, its breaker never opened).\n"
                : "\nCaution: the limiter timed out during the run (" + unavailable + " outage log lines, "
                        + transitions + " breaker transitions in benchmarks/target/gateway.log), so part of the"
                        + " gateway's requests passed without rate limiting; the machine was overloaded.\n";
    }

    private static void row(StringBuilder out, String name, Wrk run) {
        out.append(String.format(
                Locale.ROOT,
                "| %s | %,.0f | %.2f ms | %.2f ms | %d |\n",
                name,
                run.requestsPerSecond(),
                run.p50Ms(),
                run.p99Ms(),
                run.errors()));
    }

    private Wrk wrk(String url, String token, int duration) throws IOException, InterruptedException {
        List<String> command = List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + duration + "s",
                "--latency",
                "-H",
                "Authorization: Bearer " + token,
                url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return parse(output);
    }

    static Wrk parse(String output) {
        double rps = number(output, "Requests/sec:\\s+([0-9.]+)");
        double p50 = latency(output, "50%");
        double p99 = latency(output, "99%");
        long errors = 0;
        Matcher total = Pattern.compile("(\\d+) requests in").matcher(output);
        long requests = total.find() ? Long.parseLong(total.group(1)) : 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(output);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return new Wrk(rps, p50, p99, errors, requests, output);
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** wrk prints e.g. {@code 99%    3.21ms} or {@code 50%  812.00us}; in milliseconds. */
    private static double latency(String output, String percentile) {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)")
                .matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk output:\n" + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    /** The gateway in front of the stub, with limits high enough that nothing is refused, yet still counted. */
    private static ServiceJarServer startGateway(Path jar, SharedRedis redis, String backend) {
        return BenchmarkServices.service(jar, "gateway", redis)
                .maxHeap("512m")
                .property("aiops.services.cluster-registry.url", backend)
                .property("aiops.gateway.rate-limits.global.limit", "100000000")
                .property("aiops.gateway.rate-limits.per-user.limit", "100000000")
                .property("aiops.gateway.rate-limits.per-user.burst", "100000000")
                .property("aiops.gateway.rate-limits.per-user.period", "1s")
                .start();
    }
}
