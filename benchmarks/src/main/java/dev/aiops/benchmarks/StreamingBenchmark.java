package dev.aiops.benchmarks;

import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The WebSocket hub under fleet load: N concurrent clients (default 5,000, JDK WebSocket clients in this
 * JVM) with mixed filters on the realtime-streaming jar, events published to Redis at a fixed rate
 * (default 2,000/s) the way services publish them (XADD to the domain stream and PUBLISH on the domain
 * channel, as the outbox relay does). Reports delivered events/s, publish-to-client p50/p99 (the
 * envelope's timestamp, set when published, to the client's receipt; one machine, one clock), memory per
 * connection (heap after a full GC and RSS of the streaming JVM, before and after connecting), and a
 * reconnect storm: 1,000 clients dropped and reconnected at once with {@code since}, while publishing
 * goes on.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl realtime-streaming,benchmarks -am package
 * -DskipTests}: {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar streaming}. System
 * properties: {@code bench.clients} (5000), {@code bench.rate} (events/s, 2000), {@code bench.seconds}
 * (measured, 30), {@code bench.storm} (1000), {@code bench.clusters} (500), {@code bench.watchdog-minutes} (10),
 * {@code aiops.root}. It stops by itself: every wait is bounded and a watchdog ends the run (and the service).
 */
public final class StreamingBenchmark {

    private static final String[] TYPES = {"ALERT_FIRED", "ALERT_RESOLVED", "CLUSTER_STATUS_CHANGED", "ANOMALY_DETECTED"
    };
    private static final String[] DOMAINS = {"alert", "alert", "cluster", "intelligence"};
    private static final String[] NAMESPACES = {"ran", "core", "transport", "monitoring", "default"};
    /** The whole run's bound; the service alone took 3 to 5 minutes to start on the loaded shared machine. */
    private static final int WATCHDOG_MINUTES = Integer.getInteger("bench.watchdog-minutes", 10);
    /** Latency buckets of 0.1 ms up to 60 s. */
    private static final int BUCKETS = 600_000;

    private final Path root;
    private final int clientCount = Integer.getInteger("bench.clients", 5000);
    private final int rate = Integer.getInteger("bench.rate", 2000);
    private final int seconds = Integer.getInteger("bench.seconds", 30);
    private final int stormSize = Integer.getInteger("bench.storm", 1000);
    private final int clusterCount = Integer.getInteger("bench.clusters", 500);
    private final List<UUID> clusters = new ArrayList<>();

    private final LongAdder delivered = new LongAdder();
    private final LongAdder recoveredEvents = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();
    private final LongAdder closedByServer = new LongAdder();
    private volatile AtomicLongArray latency = new AtomicLongArray(BUCKETS);
    private final AtomicLong published = new AtomicLong();
    private String token;

    private StreamingBenchmark(Path root) {
        this.root = root;
        for (int i = 0; i < clusterCount; i++) {
            clusters.add(UUID.randomUUID());
        }
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", ".")).toAbsolutePath().normalize();
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MINUTES.sleep(WATCHDOG_MINUTES);
                System.err.println("streaming benchmark: watchdog, " + WATCHDOG_MINUTES + " minutes over; stopping");
                // exit, not halt: the shutdown hook stops the service's JVM, which would stay orphaned
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        new StreamingBenchmark(root).run();
    }

    void run() throws Exception {
        Path jar = root.resolve("realtime-streaming/target/realtime-streaming-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Build the service first: ./mvnw -pl realtime-streaming package (missing " + jar + ")");
        }
        String loadBefore = PerformanceReport.loadAverage();
        SharedRedis redis = SharedRedis.get();
        token = RegistryBenchmark.token("viewer");
        try (ServiceJarServer streaming = BenchmarkServices.service(jar, "streaming", redis)
                        .maxHeap("2g")
                        .property("server.tomcat.max-connections", "20000")
                        .property("server.tomcat.threads.max", "50")
                        .property("aiops.streaming.auth-timeout", "60s")
                        .start();
                RedisClient client = RedisClient.create(redis.uri());
                AutoCloseable hook = stopOnExit(streaming);
                StatefulRedisConnection<String, String> connection = client.connect()) {
            long pid = pidOf(streaming);
            Memory before = memory(pid, streaming);
            RegistryBenchmark.log("streaming pid %d: heap %.1f MB, RSS %.1f MB", pid, before.heapMb(), before.rssMb());

            // two selector threads: one would be the bottleneck of thousands of sockets on its own
            List<HttpClient> http = List.of(HttpClient.newHttpClient(), HttpClient.newHttpClient());
            URI ws = URI.create("ws://127.0.0.1:" + streaming.port() + "/ws");
            long connectStart = System.nanoTime();
            List<Client> all = connect(http, ws, clientCount, null);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            RegistryBenchmark.log(
                    "%d clients connected, authenticated, subscribed in %.1f s", all.size(), connectSeconds);
            long failedConnectsAtStart = failedConnects.sum();
            Memory after = memory(pid, streaming);
            RegistryBenchmark.log(
                    "after connecting: heap %.1f MB, RSS %.1f MB, %d not connected",
                    after.heapMb(), after.rssMb(), failedConnectsAtStart);

            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
            RedisAsyncCommands<String, String> async = connection.async();
            int perTick = Math.max(1, rate / 100);
            publisher.scheduleAtFixedRate(() -> publish(async, perTick), 0, 10, TimeUnit.MILLISECONDS);

            int warmUp = Math.min(10, seconds);
            RegistryBenchmark.log("warm-up %d s at %d events/s", warmUp, rate);
            TimeUnit.SECONDS.sleep(warmUp);
            latency = new AtomicLongArray(BUCKETS);
            long deliveredStart = delivered.sum();
            long publishedStart = published.get();
            Duration cpuStart = streaming.cpuTime();
            long closedAtStart = closedByServer.sum();
            long measureStart = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            double measured = (System.nanoTime() - measureStart) / 1e9;
            long closedDuringSteady = closedByServer.sum() - closedAtStart;
            double deliveredPerSecond = (delivered.sum() - deliveredStart) / measured;
            double publishedPerSecond = (published.get() - publishedStart) / measured;
            double cpuShare = (streaming.cpuTime().minus(cpuStart).toMillis() / 1000.0) / measured;
            AtomicLongArray steady = latency;
            double p50 = percentile(steady, 0.50);
            double p99 = percentile(steady, 0.99);
            RegistryBenchmark.log(
                    "steady: %.0f published/s, %.0f delivered/s, p50 %.1f ms, p99 %.1f ms",
                    publishedPerSecond, deliveredPerSecond, p50, p99);

            // reconnect storm: drop stormSize clients at once, reconnect them with since
            List<Client> dropped = new ArrayList<>(all.subList(0, Math.min(stormSize, all.size())));
            long closedBeforeStorm = closedByServer.sum();
            latency = new AtomicLongArray(BUCKETS);
            long recoveredBefore = recoveredEvents.sum();
            Duration stormCpuStart = streaming.cpuTime();
            for (Client c : dropped) {
                c.socket.abort();
            }
            long failedBeforeStorm = failedConnects.sum();
            long stormStart = System.nanoTime();
            List<Client> back = connect(http, ws, dropped.size(), dropped);
            double stormSeconds = (System.nanoTime() - stormStart) / 1e9;
            double stormCpu = streaming.cpuTime().minus(stormCpuStart).toMillis() / 1000.0;
            long recoveredTrue =
                    back.stream().filter(c -> c.recovered == Boolean.TRUE).count();
            TimeUnit.SECONDS.sleep(3);
            long replayed = recoveredEvents.sum() - recoveredBefore;
            double stormP99 = percentile(latency, 0.99);
            long stormFailed = failedConnects.sum() - failedBeforeStorm;
            RegistryBenchmark.log(
                    "storm: %d back in %.1f s, %d recovered, %d missed events replayed, p99 during %.1f ms",
                    back.size(), stormSeconds, recoveredTrue, replayed, stormP99);

            publisher.shutdownNow();
            String loadAfter = PerformanceReport.loadAverage();
            for (Client c : all) {
                c.socket.abort();
            }
            String section = report(new Figures(
                    all.size(),
                    connectSeconds,
                    before,
                    after,
                    publishedPerSecond,
                    deliveredPerSecond,
                    p50,
                    p99,
                    cpuShare,
                    back.size(),
                    stormSeconds,
                    recoveredTrue,
                    replayed,
                    stormCpu,
                    stormP99,
                    loadBefore,
                    loadAfter,
                    failedConnectsAtStart,
                    closedDuringSteady,
                    stormFailed));
            RegistryBenchmark.log("wrote %s", PerformanceReport.writeSection(root, "streaming", section));
            System.out.println(section);
        }
    }

    /** Stops the service when this JVM exits early (the watchdog); removed again on the normal path. */
    private static AutoCloseable stopOnExit(ServiceJarServer server) {
        Thread hook = new Thread(server::stop, "streaming-benchmark-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // already shutting down: the hook runs
            }
        };
    }

    record Memory(double heapMb, double rssMb) {}

    record Figures(
            int clients,
            double connectSeconds,
            Memory before,
            Memory after,
            double publishedPerSecond,
            double deliveredPerSecond,
            double p50,
            double p99,
            double cpuShare,
            int stormClients,
            double stormSeconds,
            long stormRecovered,
            long stormReplayed,
            double stormCpuSeconds,
            double stormP99,
            String loadBefore,
            String loadAfter,
            long failedConnects,
            long closedByServerDuringRun,
            long stormFailed) {}

    private String report(Figures f) {
        StringBuilder out = new StringBuilder();
        out.append("### Streaming: ")
                .append(String.format(Locale.ROOT, "%,d", f.clients()))
                .append(" WebSocket clients, ")
                .append(String.format(Locale.ROOT, "%,d", rate))
                .append(" events/s\n\n")
                .append("Defaults of the service (queue 100, slow after 1 s, disconnected after 5 s more), except ")
                .append(
                        "`auth-timeout` 60 s so that connecting thousands of sockets on a loaded machine is not cut short.\n\n")
                .append("The realtime-streaming jar (`-Xmx2g`) on the test kit's Redis; ")
                .append(f.clients())
                .append(" JDK WebSocket clients in the benchmark JVM on loopback, mixed filters over ")
                .append(clusterCount)
                .append(" clusters (half: one cluster, every type; 30 %: one cluster, ALERT_FIRED; 20 %: one cluster ")
                .append("and one namespace; 10 of them: ALERT_FIRED fleet-wide). Events (4 types, random cluster and ")
                .append("namespace) are published as the outbox relay does (XADD to the domain stream, PUBLISH on its ")
                .append("channel). Latency is from the envelope's timestamp (set when published) to the client's ")
                .append("receipt, measured for ")
                .append(seconds)
                .append(" s after a warm-up. **Indicative only**: a shared 2-core machine (")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores seen) where other engineers were building; load average before the run `")
                .append(f.loadBefore())
                .append("`, after `")
                .append(f.loadAfter())
                .append("`; the load driver and Redis share the cores with the service.\n\n");
        out.append("| figure | value |\n|---|---:|\n");
        row(
                out,
                "clients connected, authenticated, subscribed",
                String.format(Locale.ROOT, "%,d in %.1f s", f.clients(), f.connectSeconds()));
        row(
                out,
                "clients refused or disconnected while connecting / closed by the server while measured",
                String.format(Locale.ROOT, "%,d / %,d", f.failedConnects(), f.closedByServerDuringRun()));
        row(out, "events published", String.format(Locale.ROOT, "%,.0f /s", f.publishedPerSecond()));
        row(out, "events delivered to clients", String.format(Locale.ROOT, "%,.0f /s", f.deliveredPerSecond()));
        row(
                out,
                "publish-to-client p50 / p99",
                String.format(Locale.ROOT, "%.1f ms / %.1f ms (goal p99 ≤ 100 ms)", f.p50(), f.p99()));
        row(out, "streaming JVM CPU", String.format(Locale.ROOT, "%.2f cores", f.cpuShare()));
        row(
                out,
                "heap after full GC, before → after connecting",
                String.format(
                        Locale.ROOT,
                        "%.1f → %.1f MB",
                        f.before().heapMb(),
                        f.after().heapMb()));
        row(
                out,
                "RSS, before → after connecting",
                String.format(
                        Locale.ROOT,
                        "%.1f → %.1f MB",
                        f.before().rssMb(),
                        f.after().rssMb()));
        row(
                out,
                "memory per connection (heap / RSS)",
                String.format(
                        Locale.ROOT,
                        "%.1f KB / %.1f KB",
                        (f.after().heapMb() - f.before().heapMb()) * 1024 / f.clients(),
                        (f.after().rssMb() - f.before().rssMb()) * 1024 / f.clients()));
        row(
                out,
                "reconnect storm: clients dropped and back (auth + subscribe with since)",
                String.format(
                        Locale.ROOT,
                        "%,d in %.1f s (%,d failed)",
                        f.stormClients(),
                        f.stormSeconds(),
                        f.stormFailed()));
        row(
                out,
                "storm: recovered / missed events replayed",
                String.format(
                        Locale.ROOT, "%,d of %,d / %,d", f.stormRecovered(), f.stormClients(), f.stormReplayed()));
        row(
                out,
                "storm: streaming CPU, p99 of every client's events meanwhile",
                String.format(Locale.ROOT, "%.1f CPU-s / %.1f ms", f.stormCpuSeconds(), f.stormP99()));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    // --- clients

    /** One socket and where it stands. */
    private final class Client implements WebSocket.Listener {

        final String subscription;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;
        volatile long offset = -1;
        volatile String epoch;
        volatile Boolean recovered;
        volatile long recoverUpTo = -1;

        Client(String subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(webSocket, text);
            }
            webSocket.request(1);
            return null;
        }

        private void received(WebSocket webSocket, String text) {
            if (text.startsWith("{\"type\":\"event\"")) {
                long micros = Duration.between(Instant.parse(field(text, "\"timestamp\":\"")), Instant.now())
                                .toNanos()
                        / 1000;
                latency.incrementAndGet((int) Math.max(0, Math.min(BUCKETS - 1, micros / 100)));
                delivered.increment();
                offset = Long.parseLong(number(text, "\"offset\":"));
                if (offset <= recoverUpTo) {
                    recoveredEvents.increment();
                }
                epoch = field(text, "\"epoch\":\"");
            } else if (text.startsWith("{\"type\":\"auth_response\"")) {
                String since = offset < 0 || epoch == null
                        ? ""
                        : ", \"since\": {\"offset\": " + offset + ", \"epoch\": \"" + epoch + "\"}";
                webSocket.sendText("{\"type\": \"subscribe\", \"subscription\": " + subscription + since + "}", true);
            } else if (text.startsWith("{\"type\":\"subscribed\"")) {
                if (text.contains("\"recovered\":")) {
                    recovered = text.contains("\"recovered\":true");
                    // what the history held when it answered: events up to there are the missed ones
                    recoverUpTo = Long.parseLong(number(text, "\"offset\":"));
                }
                ready.complete(null);
            } else if (text.startsWith("{\"type\":\"error\"") || text.startsWith("{\"type\":\"disconnect\"")) {
                ready.completeExceptionally(new IllegalStateException(text));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.increment();
            ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ready.completeExceptionally(error);
        }
    }

    /** Opens {@code count} clients (or again the {@code previous} ones, with their positions), 200 at a time. */
    private List<Client> connect(List<HttpClient> http, URI ws, int count, List<Client> previous) throws Exception {
        Semaphore inFlight = new Semaphore(200);
        List<Client> clients = new ArrayList<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Client client;
            if (previous == null) {
                client = new Client(subscriptionFor(i));
            } else {
                Client old = previous.get(i);
                client = new Client(old.subscription);
                client.offset = old.offset;
                client.epoch = old.epoch;
            }
            clients.add(client);
            inFlight.acquire();
            CompletableFuture<Void> done = http.get(i % http.size())
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(60))
                    .buildAsync(ws, client)
                    .thenCompose(socket -> {
                        client.socket = socket;
                        return socket.sendText("{\"type\": \"auth\", \"token\": \"" + token + "\"}", true);
                    })
                    .thenCompose(sent -> client.ready)
                    .orTimeout(120, TimeUnit.SECONDS)
                    .whenComplete((ok, error) -> inFlight.release());
            all.add(done);
        }
        // a client the server refused or disconnected (e.g. as a slow consumer on an overloaded machine)
        // is counted and left out, as a real one would come back later
        CompletableFuture.allOf(all.stream()
                        .map(done -> done.exceptionally(error -> null))
                        .toArray(CompletableFuture[]::new))
                .join();
        List<Client> ready = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            if (!all.get(i).isCompletedExceptionally()) {
                ready.add(clients.get(i));
            } else {
                failedConnects.increment();
                if (failedConnects.sum() <= 3) {
                    RegistryBenchmark.log(
                            "client not connected: %s",
                            all.get(i).handle((ok, e) -> String.valueOf(e)).join());
                }
            }
        }
        return ready;
    }

    private String subscriptionFor(int i) {
        String cluster = clusters.get(i % clusterCount).toString();
        if (i < 10) {
            return "{\"event_types\": [\"ALERT_FIRED\"]}";
        }
        return switch (i % 10) {
            case 0, 1, 2, 3, 4 -> "{\"event_types\": [], \"cluster_filter\": [\"" + cluster + "\"]}";
            case 5, 6, 7 -> "{\"event_types\": [\"ALERT_FIRED\"], \"cluster_filter\": [\"" + cluster + "\"]}";
            default ->
                "{\"event_types\": [], \"cluster_filter\": [\"" + cluster + "\"], \"namespace_filter\": [\""
                        + NAMESPACES[i % NAMESPACES.length] + "\"]}";
        };
    }

    // --- publishing

    private void publish(RedisAsyncCommands<String, String> redis, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<RedisFuture<?>> pending = new ArrayList<>(count * 2);
        for (int i = 0; i < count; i++) {
            int type = random.nextInt(TYPES.length);
            UUID cluster = clusters.get(random.nextInt(clusterCount));
            String eventId = UUID.randomUUID().toString();
            String json = "{\"event_id\":\"" + eventId + "\",\"event_type\":\"" + TYPES[type]
                    + "\",\"source\":\"benchmark\",\"cluster_id\":\"" + cluster + "\",\"timestamp\":\""
                    + Instant.now() + "\",\"correlation_id\":null,\"payload\":{\"cluster_name\":\"edge-"
                    + cluster.toString().substring(0, 8) + "\",\"namespace\":\""
                    + NAMESPACES[random.nextInt(NAMESPACES.length)] + "\",\"alertname\":\"KubePodCrashLooping\"}}";
            String domain = DOMAINS[type];
            pending.add(redis.xadd(
                    "aiops:stream:" + domain,
                    XAddArgs.Builder.maxlen(10_000).approximateTrimming(),
                    Map.of("event_id", eventId, "event_type", TYPES[type], "envelope", json)));
            pending.add(redis.publish("aiops:events:" + domain, json));
        }
        try {
            for (RedisFuture<?> future : pending) {
                future.get(5, TimeUnit.SECONDS);
            }
            published.addAndGet(count);
        } catch (Exception e) {
            RegistryBenchmark.log("publishing failed: %s", e);
        }
    }

    // --- measurements

    private static double percentile(AtomicLongArray buckets, double q) {
        long total = 0;
        for (int i = 0; i < buckets.length(); i++) {
            total += buckets.get(i);
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank && total > 0) {
                return (i + 1) / 10.0;
            }
        }
        return Double.NaN;
    }

    private static long pidOf(ServiceJarServer server) {
        String port = "--server.port=" + server.port();
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().arguments().map(a -> List.of(a).contains(port)).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no process with " + port));
    }

    /** Heap used after a full GC ({@code jcmd GC.run}), and the resident set of the process. */
    private Memory memory(long pid, ServiceJarServer server) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                .redirectErrorStream(true)
                .start()
                .waitFor(60, TimeUnit.SECONDS);
        TimeUnit.SECONDS.sleep(2);
        String metrics = RegistryBenchmark.HTTP
                .send(
                        HttpRequest.newBuilder(server.url().resolve("/actuator/prometheus"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double heap = metrics.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
        double rssKb = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToDouble(line -> Double.parseDouble(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(Double.NaN);
        return new Memory(heap / (1024 * 1024), rssKb / 1024);
    }

    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        return json.substring(start, json.indexOf('"', start));
    }

    private static String number(String json, String prefix) {
        int start = json.indexOf(prefix) + prefix.length();
        int end = start;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return json.substring(start, end);
    }
}
