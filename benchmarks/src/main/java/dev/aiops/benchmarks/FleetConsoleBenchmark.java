package dev.aiops.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's fleet page with a large fleet, in Debian's Chromium: how long the page takes to show every
 * cluster's tile, and what live status changes at a steady rate cost its main thread (long tasks, frame gaps),
 * then how long one more status event takes to reach its tile.
 *
 * <p>Against a running platform with an empty data folder (the clusters registered here stay):
 * {@code ./run.sh --wipe --data-dir /tmp/fleet-bench --only cluster-registry,realtime-streaming,gateway}, then
 * {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar fleet}. Clusters are registered directly at
 * the registry (the gateway's rate limit is not what is measured), pointing at a closed local port so their
 * health checks fail fast. The status events are published the way the registry's outbox relay publishes them
 * (XADD to the cluster stream and PUBLISH on its channel). System properties: {@code bench.url} (gateway,
 * http://localhost:8080), {@code bench.registry} (http://localhost:8081), {@code bench.redis}
 * (redis://localhost:16379), {@code bench.clusters} (1000), {@code bench.rate} (events/s, 50),
 * {@code bench.seconds} (20).
 */
public final class FleetConsoleBenchmark {

    private static final String[] STATES = {"ONLINE", "DEGRADED", "OFFLINE"};
    private static final Pattern NUMBER = Pattern.compile("\"%s\":(-?[0-9.]+)");

    private FleetConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        String gateway = System.getProperty("bench.url", "http://localhost:8080");
        String registry = System.getProperty("bench.registry", "http://localhost:8081");
        int count = Integer.getInteger("bench.clusters", 1000);
        int rate = Integer.getInteger("bench.rate", 50);
        int seconds = Integer.getInteger("bench.seconds", 20);

        String token = devToken(gateway);
        Map<String, UUID> clusters = register(registry, token, count);
        RegistryBenchmark.log("%d clusters registered", clusters.size());

        ProcessBuilder browser = new ProcessBuilder("node", "e2e/fleet.mjs")
                .directory(root.resolve("dashboard").toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        browser.environment().put("BASE_URL", gateway);
        browser.environment().put("TILES", String.valueOf(clusters.size()));
        Process node = browser.start();
        var in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8);
        RedisClient client = RedisClient.create(System.getProperty("bench.redis", "redis://localhost:16379"));
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            String loaded = expect(in, "loaded");
            List<String> names = new ArrayList<>(clusters.keySet());
            AtomicLong published = new AtomicLong();
            int perTick = Math.max(1, rate / 50);
            publisher.scheduleAtFixedRate(
                    () -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < perTick; i++) {
                            String name = names.get(random.nextInt(names.size()));
                            publishStatus(redis, clusters.get(name), STATES[random.nextInt(3)], random.nextInt(101));
                            published.incrementAndGet();
                        }
                    },
                    0,
                    20,
                    TimeUnit.MILLISECONDS);
            out.println("measure " + seconds);
            String measured = expect(in, "measured");
            publisher.shutdown();
            publisher.awaitTermination(5, TimeUnit.SECONDS);
            double publishedPerSecond = published.get() / (double) seconds;

            String marked = names.get(names.size() / 2);
            publishStatus(redis, clusters.get(marked), "DEGRADED", 37).get(10, TimeUnit.SECONDS);
            out.println("mark " + marked + " DEGRADED 37");
            String mark = expect(in, "marked");
            out.println("quit");
            node.waitFor(30, TimeUnit.SECONDS);

            String report = String.format(
                    Locale.ROOT,
                    """
                    ### Web console with %,d clusters (fleet page)

                    | figure | value |
                    | --- | --- |
                    | sign-in to every tile shown | %.0f ms (%.0f tiles) |
                    | live CLUSTER_STATUS_CHANGED events, for %d s | %.0f /s to random clusters |
                    | long tasks (> 50 ms) meanwhile | %.0f, %.0f ms in all, longest %.0f ms |
                    | frame interval p50 / p99 / max | %.1f / %.1f / %.0f ms (%.0f frames, %.0f over 50 ms) |
                    | one more status event to its tile | %.0f ms |

                    The fleet page reads every page of the cluster list, repaints only the tile whose status
                    changed, and refetches the summary at most once a second however fast events come. Headless
                    Debian Chromium via playwright-core at 1280×800, on the same 2-core machine as the registry,
                    streaming, gateway, PostgreSQL and Redis; the health checks of the registered clusters run
                    meanwhile (they fail fast: the clusters point at a closed port).

                    Reproduce: `./run.sh --wipe --data-dir /tmp/fleet-bench --only cluster-registry,realtime-streaming,gateway`,
                    then `java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar fleet`.
                    """,
                    clusters.size(),
                    number(loaded, "load_ms"),
                    number(loaded, "tiles"),
                    seconds,
                    publishedPerSecond,
                    number(measured, "long_tasks"),
                    number(measured, "long_task_ms_total"),
                    number(measured, "long_task_ms_max"),
                    number(measured, "frame_ms_p50"),
                    number(measured, "frame_ms_p99"),
                    number(measured, "frame_ms_max"),
                    number(measured, "frames"),
                    number(measured, "frames_over_50ms"),
                    number(mark, "ms"));
            System.out.println(report);
            System.out.println("wrote " + PerformanceReport.writeSection(root, "console-fleet", report));
        } finally {
            publisher.shutdownNow();
            client.shutdown();
            node.destroy();
        }
    }

    /** The next line the browser script prints for {@code phase}; its other lines go to the log. */
    private static String expect(BufferedReader in, String phase) throws Exception {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains("\"phase\":\"" + phase + "\"")) {
                RegistryBenchmark.log("browser: %s", line);
                return line;
            }
            RegistryBenchmark.log("browser: %s", line);
        }
        throw new IllegalStateException("the browser script ended before " + phase);
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), field)).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String devToken(String gateway) throws Exception {
        HttpResponse<String> response = RegistryBenchmark.HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway + "/auth/dev-token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"user\": \"fleet-bench\", \"roles\": [\"admin\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("dev token: HTTP " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    /** Registers {@code fleet-0000} … (those already there are kept) and answers every cluster by name. */
    private static Map<String, UUID> register(String registry, String token, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = String.format(Locale.ROOT, """
                        {"name": "fleet-%04d", "api_server_url": "https://127.0.0.1:9", "cluster_type": "%s",
                         "platform": "KUBERNETES", "region": "region-%d", "environment": "LAB"}
                        """, i, i % 10 == 0 ? "HUB" : "EDGE", i % 7);
                sent.add(pool.submit(() -> RegistryBenchmark.HTTP.send(
                        HttpRequest.newBuilder(URI.create(registry + "/api/v1/clusters"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
            for (var future : sent) {
                HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
                if (response.statusCode() != 201 && response.statusCode() != 409) {
                    throw new IllegalStateException(
                            "registration: HTTP " + response.statusCode() + " " + response.body());
                }
            }
        } finally {
            pool.shutdown();
        }
        Map<String, UUID> clusters = new LinkedHashMap<>();
        Pattern item = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"\\s*,\\s*\"name\"\\s*:\\s*\"([^\"]+)\"");
        for (int page = 1; ; page++) {
            HttpResponse<String> response = RegistryBenchmark.HTTP.send(
                    HttpRequest.newBuilder(URI.create(registry + "/api/v1/clusters?page_size=100&page=" + page))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = item.matcher(response.body());
            int found = 0;
            while (m.find()) {
                clusters.put(m.group(2), UUID.fromString(m.group(1)));
                found++;
            }
            if (found == 0) {
                return clusters;
            }
        }
    }

    /** Sent without waiting, so the rate holds on a loaded machine; the answer is the PUBLISH's. */
    private static io.lettuce.core.RedisFuture<Long> publishStatus(
            RedisAsyncCommands<String, String> redis, UUID cluster, String state, int health) {
        String eventId = UUID.randomUUID().toString();
        String json = "{\"event_id\":\"" + eventId + "\",\"event_type\":\"CLUSTER_STATUS_CHANGED\","
                + "\"source\":\"benchmark\",\"cluster_id\":\"" + cluster + "\",\"timestamp\":\"" + Instant.now()
                + "\",\"correlation_id\":null,\"payload\":{\"cluster_id\":\"" + cluster
                + "\",\"old_state\":\"UNKNOWN\",\"new_state\":\"" + state + "\",\"health_score\":" + health
                + ",\"reason\":\"benchmark\"}}";
        redis.xadd(
                "aiops:stream:cluster",
                XAddArgs.Builder.maxlen(10_000).approximateTrimming(),
                Map.of("event_id", eventId, "event_type", "CLUSTER_STATUS_CHANGED", "envelope", json));
        return redis.publish("aiops:events:cluster", json);
    }
}
