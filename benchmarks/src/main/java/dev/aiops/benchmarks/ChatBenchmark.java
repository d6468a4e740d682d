package dev.aiops.benchmarks;

import static dev.aiops.benchmarks.RegistryBenchmark.HTTP;
import static dev.aiops.benchmarks.RegistryBenchmark.log;
import static dev.aiops.benchmarks.RegistryBenchmark.ms;
import static dev.aiops.benchmarks.RegistryBenchmark.percentile;
import static dev.aiops.benchmarks.RegistryBenchmark.token;

import com.sun.net.httpserver.HttpServer;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what the intelligence engine itself adds to a chat turn: its jar in its own JVM on the test
 * kit's PostgreSQL and Redis, the real cluster registry jar behind its tools, and an OpenAI-compatible stub
 * that answers at once (first a {@code tool_calls} answer for {@code list_clusters}, then, once it sees the
 * tool result, a plain answer). A turn is thus two model round trips, one real registry call, the session
 * checks and the stored messages with their outbox events. Also: time to first byte of the SSE stream and
 * MCP {@code tools/call} latency.
 *
 * <p>Run from the repository root after packaging both jars:
 * {@code ./mvnw -pl cluster-registry,intelligence-engine,benchmarks -am package -DskipTests} then
 * {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar chat}. System properties:
 * {@code bench.turns} (default 1000), {@code bench.clients} (8), {@code bench.seconds} (20), {@code bench.warmup}
 * (300), {@code bench.jfr} (a file name: the engine runs with a Java Flight Recorder profile written there when
 * it stops, to see where a turn's time goes).
 */
public final class ChatBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final Path root;
    private final int turns = Integer.getInteger("bench.turns", 1000);
    private final int clients = Integer.getInteger("bench.clients", 8);
    private final int seconds = Integer.getInteger("bench.seconds", 20);
    private final int warmup = Integer.getInteger("bench.warmup", 300);
    private final String jfr = System.getProperty("bench.jfr");
    private final StringBuilder report = new StringBuilder();

    private ChatBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", ".")).toAbsolutePath().normalize();
        new ChatBenchmark(root).run();
    }

    void run() throws Exception {
        Path registryJar = jar("cluster-registry");
        Path engineJar = jar("intelligence-engine");
        SharedRedis redis = SharedRedis.get();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (ModelStub model = ModelStub.start();
                ServiceJarServer registry = RegistryBenchmark.startRegistry(
                        registryJar,
                        SharedPostgres.get().createDatabase("chat_bench_registry_" + suffix),
                        redis,
                        "for-chat",
                        Map.of(
                                "aiops.registry.health.enabled", "false",
                                "aiops.registry.discovery.enabled", "false",
                                "aiops.registry.credentials.keys.k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                                "aiops.registry.credentials.active-key-id", "k1"))) {
            String admin = token("admin");
            post(
                    registry.url() + "/api/v1/clusters",
                    admin,
                    "{\"name\": \"bench-hub\", \"api_server_url\": \"https://api.bench-hub.example.com:6443\","
                            + " \"cluster_type\": \"HUB\", \"platform\": \"OPENSHIFT\"}");
            ServiceJarServer.Builder engineBuilder = BenchmarkServices.service(
                    engineJar,
                    "intelligence-engine",
                    SharedPostgres.get().createDatabase("chat_bench_engine_" + suffix),
                    redis);
            // the engine is the biggest of the jars; on a machine shared with other builds it has taken over 10 min
            engineBuilder.readyTimeout(java.time.Duration.ofMinutes(25));
            if (jfr != null) {
                engineBuilder.jvmOptions("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + Path.of(jfr).toAbsolutePath());
            }
            try (ServiceJarServer engine = engineBuilder
                    .properties(Map.of(
                            "aiops.services.cluster-registry.url",
                            registry.url().toString(),
                            "aiops.services.observability-collector.url",
                            model.url(),
                            "aiops.services.intent-service.url",
                            model.url(),
                            "aiops.intelligence.chat.models[0].name",
                            "bench",
                            "aiops.intelligence.chat.models[0].base-url",
                            model.url() + "/v1",
                            "aiops.intelligence.chat.models[0].model",
                            "bench-model",
                            "aiops.intelligence.chat.models[0].max-retries",
                            "0"))
                    .start()) {
                measure(engine.url().toString(), model);
            }
        }
        log("wrote %s", PerformanceReport.writeSection(root, "chat", report.toString()));
    }

    private void measure(String engine, ModelStub model) throws Exception {
        String viewer = token("viewer");
        Sessions sessions = new Sessions(engine, viewer);
        log("warm-up");
        for (int i = 0; i < warmup; i++) {
            turn(engine, viewer, sessions.next());
            mcpCall(engine, viewer);
        }

        log("%d sequential turns", turns);
        model.requests.set(0);
        long[] nanos = new long[turns];
        for (int i = 0; i < turns; i++) {
            String session = sessions.next();
            long t = System.nanoTime();
            turn(engine, viewer, session);
            nanos[i] = System.nanoTime() - t;
        }
        long modelRequests = model.requests.get();
        Arrays.sort(nanos);

        log("%d clients for %d s", clients, seconds);
        double throughput = throughput(engine, viewer);

        log("SSE time to first byte");
        long[] ttfb = new long[Math.min(turns, 500)];
        for (int i = 0; i < ttfb.length; i++) {
            ttfb[i] = firstByte(engine, viewer, sessions.next());
        }
        Arrays.sort(ttfb);

        log("MCP tools/call");
        long[] mcp = new long[turns];
        for (int i = 0; i < turns; i++) {
            long t = System.nanoTime();
            mcpCall(engine, viewer);
            mcp[i] = System.nanoTime() - t;
        }
        Arrays.sort(mcp);

        report.append("### Intelligence engine: chat turn overhead, SSE, MCP\n\n");
        report.append(
                        "The engine's jar in its own JVM on the test kit's PostgreSQL 17 and Redis; its tools call the real ")
                .append(
                        "cluster registry jar (1 registered cluster); the language model is a local OpenAI-compatible stub ")
                .append(
                        "that answers at once, so the figures are the engine's own cost. One turn = `POST /messages` → ")
                .append("model answers `tool_calls` (`list_clusters`) → the engine calls the registry with the user's ")
                .append(
                        "token → model answers in words → both messages and their `CHAT_MESSAGE` outbox events stored. ")
                .append(String.format(Locale.ROOT, "%.2f", (double) modelRequests / turns))
                .append(
                        " model requests per turn were measured. Sequential requests from one client over keep-alive, after ")
                .append(warmup)
                .append(" warm-up turns and MCP calls; 2-core machine shared with other builds.\n\n");
        report.append("| what | n | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        row("chat turn, whole (`POST /messages`, 2 model round trips + 1 registry call)", nanos);
        row("SSE `POST /stream`: time to first byte (`message_start`)", ttfb);
        row("MCP `tools/call` `list_clusters` (one registry call)", mcp);
        report.append(String.format(
                Locale.ROOT,
                "%nThroughput with %d concurrent clients for %d s: **%.0f turns/s**.%n%n",
                clients,
                seconds,
                throughput));
        report.append("Goal: p99 ≤ 20 ms of engine overhead per turn. The whole turn above also holds the stub's two ")
                .append("answers and the registry call, so it is an upper bound of that overhead.\n\n");
        report.append(
                        "Reproduce: `./mvnw -pl cluster-registry,intelligence-engine,benchmarks -am package -DskipTests && ")
                .append(String.format(
                        Locale.ROOT,
                        "java -Dbench.warmup=%d -Dbench.turns=%d -Dbench.seconds=%d -jar "
                                + "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar chat`%n",
                        warmup,
                        turns,
                        seconds));
    }

    private void row(String what, long[] sorted) {
        report.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.2f | %.2f | %.2f |%n",
                what,
                sorted.length,
                ms(percentile(sorted, 0.50)),
                ms(percentile(sorted, 0.99)),
                ms(sorted[sorted.length - 1])));
    }

    private double throughput(String engine, String viewer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                Sessions own = new Sessions(engine, viewer);
                while (System.nanoTime() < end) {
                    turn(engine, viewer, own.next());
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / (double) seconds;
    }

    private static void turn(String engine, String token, String session) throws IOException, InterruptedException {
        HttpResponse<String> response = post(
                engine + "/api/v1/chat/sessions/" + session + "/messages",
                token,
                "{\"content\": \"Is bench-hub registered?\"}");
        if (response.statusCode() != 200 || !response.body().contains("bench-hub is registered")) {
            throw new IllegalStateException("turn answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static long firstByte(String engine, String token, String session) throws Exception {
        long t = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(engine + "/api/v1/chat/sessions/" + session + "/stream"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"Is bench-hub registered?\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (in.read() < 0) {
                throw new IllegalStateException("empty stream");
            }
            long first = System.nanoTime() - t;
            in.readAllBytes();
            return first;
        }
    }

    private static void mcpCall(String engine, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(engine + "/mcp"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                                                + "\"params\":{\"name\":\"list_clusters\",\"arguments\":{\"name\":\"bench-hub\"}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("bench-hub")) {
            throw new IllegalStateException("MCP answered " + response.statusCode() + ": " + response.body());
        }
    }

    static HttpResponse<String> post(String url, String token, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Path jar(String module) {
        Path jar = root.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Build it first: ./mvnw -pl " + module + " -am package -DskipTests (missing " + jar + ")");
        }
        return jar;
    }

    /** Hands out session ids, opening a new session before one reaches its 100-message limit. */
    private static final class Sessions {
        private final String engine;
        private final String token;
        private String current;
        private int used;

        Sessions(String engine, String token) {
            this.engine = engine;
            this.token = token;
        }

        String next() throws IOException, InterruptedException {
            if (current == null || used == 45) {
                HttpResponse<String> created =
                        post(engine + "/api/v1/chat/sessions", token, "{\"persona_id\": \"platform-ops\"}");
                Matcher m = ID.matcher(created.body());
                if (created.statusCode() != 201 || !m.find()) {
                    throw new IllegalStateException("session: " + created.statusCode() + " " + created.body());
                }
                current = m.group(1);
                used = 0;
            }
            used++;
            return current;
        }
    }

    /** An OpenAI-compatible server that answers at once: tool call first, words once it sees the tool result. */
    static final class ModelStub implements AutoCloseable {
        private static final byte[] TOOL_CALL =
                ("{\"id\":\"chatcmpl-b\",\"object\":\"chat.completion\",\"created\":1764403200,"
                                + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                                + "\"tool_calls\":[{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"list_clusters\","
                                + "\"arguments\":\"{\\\"name\\\":\\\"bench-hub\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],"
                                + "\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":20,\"total_tokens\":320}}")
                        .getBytes(StandardCharsets.UTF_8);
        private static final byte[] ANSWER =
                ("{\"id\":\"chatcmpl-b\",\"object\":\"chat.completion\",\"created\":1764403200,"
                                + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                + "\"content\":\"bench-hub is registered.\"},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":400,\"completion_tokens\":8,\"total_tokens\":408}}")
                        .getBytes(StandardCharsets.UTF_8);
        private static final byte[] STREAM =
                ("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1764403200,"
                                + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                                + "\"content\":\"bench-hub is registered.\"},\"finish_reason\":null}]}\n\n"
                                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1764403200,\"model\":\"bench-model\","
                                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
                        .getBytes(StandardCharsets.UTF_8);

        private final HttpServer server;
        final AtomicLong requests = new AtomicLong();

        private ModelStub(HttpServer server) {
            this.server = server;
        }

        static ModelStub start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            ModelStub stub = new ModelStub(server);
            server.createContext("/", exchange -> {
                stub.requests.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean streaming = body.contains("\"stream\":true");
                byte[] answer = streaming ? STREAM : body.contains("\"role\":\"tool\"") ? ANSWER : TOOL_CALL;
                exchange.getResponseHeaders().set("Content-Type", streaming ? "text/event-stream" : "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.start();
            return stub;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
