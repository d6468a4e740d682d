package dev.aiops.collector.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.StreamSubscription;
import dev.aiops.platform.test.RestCalls;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.MetricsEndpoint;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.PrometheusServer;
import dev.aiops.testkit.RedisServerHandle;
import dev.aiops.testkit.SharedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The collector's Redis goes away and comes back (docs/RELIABILITY.md, "Redis away"): stopped (connections
 * refused) and hung (SIGSTOP: connections open, nothing answers until the command timeout). The collector
 * consumes no stream (its cluster listener is pub/sub, a cache refresh); Redis carries what it owes the platform
 * (events of what it ingests, through its outbox; GPU_UPDATE) and three helpers: the federated query cache, the
 * VES per-source rate limiter and the GPU "last reported" hash. With Redis away the collector keeps doing its job
 * and loses nothing: alerts and VES events are acknowledged and stored with their events waiting in the outbox,
 * queries answer from the clusters, GPU readings are served and measured; once Redis is back each event is on its
 * stream once, the cache and the limiter work again and what the GPUs did meanwhile is reported.
 *
 * <p>Database and Redis of its own: a cached context of another test class on the shared database would
 * otherwise publish this test's outbox rows to its own Redis. The Redis keeps no data across a restart (a
 * replacement node); the clusters come from the real registry of the federation fixture, re-read every 2 s
 * because its notifications go to the shared Redis, not this one.
 */
class RedisOutageTests extends FederationIntegrationTest {

    static final RedisServerHandle REDIS = RedisServerHandle.startOnFreePort();
    static final PostgresDatabase DATABASE = SharedPostgres.get()
            .createDatabase(
                    "collector_redis_outage_" + UUID.randomUUID().toString().substring(0, 8));
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String CACHE_KEYS = "aiops:collector:query:*";
    /** Above the test profile's burst of 40 events per source. */
    static final int OVER_BURST = 50;

    @DynamicPropertySource
    static void ownRedisAndDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("aiops.collector.registry.refresh-interval", () -> "2s");
    }

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventStreams streams;

    @AfterEach
    void redisBack() {
        REDIS.resume();
        REDIS.start();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void shouldAcknowledgeAlertsWhileRedisIsDownAndPublishEachEventOnceWhenItIsBack() {
        REDIS.stop();
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            EntityExchangeResult<String> answer = webhook(fingerprint);
            assertThat(answer.getStatus().value()).as(answer.getResponseBody()).isEqualTo(200);
            fingerprints.add(fingerprint);
        }
        assertThat(unpublished("ALERT_FIRED", fingerprints))
                .as("each acknowledged alert's ALERT_FIRED waits in the outbox")
                .isEqualTo(fingerprints.size());

        REDIS.start();
        await().atMost(PATIENCE).until(() -> unpublished("ALERT_FIRED", fingerprints) == 0);
        Map<String, Long> onTheStream =
                redis.opsForStream().range(EventDomain.ALERT.stream(), Range.unbounded()).stream()
                        .map(entry -> String.valueOf(entry.getValue().get("envelope")))
                        .flatMap(envelope -> fingerprints.stream().filter(envelope::contains))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(onTheStream)
                .as("ALERT_FIRED entries per alert")
                .hasSize(fingerprints.size())
                .allSatisfy((fingerprint, entries) -> assertThat(entries).isEqualTo(1));
    }

    /**
     * The cache is bypassed, never in the way: every query answers from the cluster while Redis is stopped or
     * hung, nothing reaches Redis from those requests (a lookup Redis did not answer is not followed by a write
     * that a hung Redis would carry out on resuming), and caching resumes once Redis answers again.
     */
    @Test
    void shouldAnswerQueriesFromTheClustersWhileRedisIsAwayAndCacheAgainWhenItIsBack() {
        FIXTURE.registerClusters(tokens.token("operator"));
        UUID cluster = FIXTURE.id(FIXTURE.alpha());
        Set<String> before = new HashSet<>(redis.keys(CACHE_KEYS));
        assertAnswered(query(cluster, 0));
        assertThat(newCacheKeys(before))
                .as("an answer cached while Redis is up")
                .hasSize(1);

        REDIS.stop();
        for (int i = 1; i <= 3; i++) {
            assertAnswered(query(cluster, i));
        }
        REDIS.start();
        // the restarted Redis is empty; the first answer after it is back is cached again
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            assertAnswered(query(cluster, 4));
            return redis.keys(CACHE_KEYS).size() == 1;
        });

        Set<String> beforeHang = new HashSet<>(redis.keys(CACHE_KEYS));
        REDIS.pause();
        try {
            for (int i = 5; i <= 7; i++) {
                assertAnswered(query(cluster, i));
            }
        } finally {
            REDIS.resume();
        }
        assertThat(newCacheKeys(beforeHang))
                .as("no write of a request that found Redis hung reached it when it resumed")
                .isEmpty();
        await().atMost(PATIENCE).until(() -> {
            assertAnswered(query(cluster, 8));
            return newCacheKeys(beforeHang).size() == 1;
        });
    }

    /**
     * The limiter fails open: with Redis away a batch above a source's burst is accepted and stored, its events
     * wait in the outbox and are streamed once each afterwards; once Redis is back the same batch from another
     * source is refused with 429 again.
     */
    @Test
    void shouldAcceptVesEventsUncheckedWhileTheLimiterIsAwayAndLimitAgainWhenItIsBack() {
        double unlimitedBefore = unlimited();
        String whileStopped = source();
        REDIS.stop();
        assertThat(ves(batch(whileStopped, OVER_BURST)).getStatus().value()).isEqualTo(202);
        assertThat(stored(whileStopped)).isEqualTo(OVER_BURST);
        assertThat(unpublished("FCAPS_EVENT_RECEIVED", List.of(whileStopped))).isEqualTo(OVER_BURST);

        REDIS.start();
        await().atMost(PATIENCE).until(() -> unpublished("FCAPS_EVENT_RECEIVED", List.of(whileStopped)) == 0);
        assertEachEventOnceOnTheFcapsStream(whileStopped);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> redis.hasKey("redis-is-back") != null);

        String afterwards = source();
        EntityExchangeResult<String> refused = ves(batch(afterwards, OVER_BURST));
        assertThat(refused.getStatus().value()).as(refused.getResponseBody()).isEqualTo(429);
        assertThat(stored(afterwards)).isZero();

        String whileHung = source();
        REDIS.pause();
        try {
            assertThat(ves(batch(whileHung, OVER_BURST)).getStatus().value()).isEqualTo(202);
            assertThat(stored(whileHung)).isEqualTo(OVER_BURST);
        } finally {
            REDIS.resume();
        }
        await().atMost(PATIENCE).until(() -> unpublished("FCAPS_EVENT_RECEIVED", List.of(whileHung)) == 0);
        // a batch the relay gave up on during the hang is carried out by Redis on resuming and sent again (at least
        // once, same event ids): every event is there, and a consumer behind the ledger acts once on each
        assertThat(fcapsEntries(whileHung))
                .as("event ids of %s on the FCAPS stream", whileHung)
                .hasSize(OVER_BURST);
        assertEachActedOnOnce(EventDomain.FCAPS, whileHung, OVER_BURST);
        assertThat(unlimited() - unlimitedBefore)
                .as("events let through unchecked: the two batches sent while Redis was away")
                .isEqualTo(2.0 * OVER_BURST);
    }

    /**
     * GPU readings do not depend on Redis: a GPU cluster that appears while Redis is stopped is read, served and
     * measured; its GPU_UPDATEs go out once Redis is back, one per node. A change beyond the thresholds while
     * Redis hangs is served at once and reported once after Redis resumes.
     */
    @Test
    void shouldServeAndMeasureGpusWhileRedisIsAwayAndReportWhatChangedWhenItIsBack() throws Exception {
        String nodeB = fixture("fixtures/dcgm/gpu-node-b.prom");
        try (MetricsEndpoint a = MetricsEndpoint.serving(fixture("fixtures/dcgm/gpu-node-a.prom"));
                MetricsEndpoint b = MetricsEndpoint.serving(nodeB);
                PrometheusServer prometheus = PrometheusServer.builder()
                        .scrapeTarget("dcgm-exporter-node-a", a.hostPort(), MetricsEndpoint.PATH)
                        .scrapeTarget("dcgm-exporter-node-b", b.hostPort(), MetricsEndpoint.PATH)
                        .start()) {
            await().atMost(PATIENCE)
                    .until(() -> prometheus.query("count(DCGM_FI_DEV_GPU_UTIL)").contains("\"3\""));
            REDIS.stop();
            UUID cluster = FIXTURE.register(
                    tokens.token("operator"),
                    "gpu-outage-" + UUID.randomUUID().toString().substring(0, 6),
                    prometheus.url().toString());
            try {
                await().atMost(PATIENCE).until(() -> gpuNodes(cluster).size() == 2);
                assertThat(gpuCountMetric(cluster))
                        .as("aiops_gpu_count of the cluster")
                        .isEqualTo(3.0);

                REDIS.start();
                await().atMost(PATIENCE).until(() -> {
                    gpuNodes(cluster); // each read after the cache TTL collects again
                    return gpuUpdates(cluster).size() == 2;
                });
                assertThat(gpuUpdates(cluster)).containsOnly(Map.entry("gpu-node-a", 1L), Map.entry("gpu-node-b", 1L));

                REDIS.pause();
                try {
                    // node b cools down and idles: beyond the temperature and utilisation thresholds
                    b.serve(nodeB.replaceAll("(?m)^(DCGM_FI_DEV_GPU_TEMP\\{.*}) 71$", "$1 40")
                            .replaceAll("(?m)^(DCGM_FI_DEV_GPU_UTIL\\{.*}) 97$", "$1 3"));
                    await().atMost(PATIENCE)
                            .until(() -> gpuNodes(cluster).stream()
                                    .anyMatch(
                                            n -> n.path("node_name").asString().equals("gpu-node-b")
                                                    && n.path("gpus")
                                                                    .get(0)
                                                                    .path("temperature_celsius")
                                                                    .asDouble()
                                                            == 40.0));
                } finally {
                    REDIS.resume();
                }
                await().atMost(PATIENCE).until(() -> {
                    gpuNodes(cluster);
                    return gpuUpdates(cluster).getOrDefault("gpu-node-b", 0L) == 2L;
                });
                assertThat(gpuUpdates(cluster)).containsOnly(Map.entry("gpu-node-a", 1L), Map.entry("gpu-node-b", 2L));
            } finally {
                REDIS.resume();
                REDIS.start();
                FIXTURE.delete(tokens.token("admin"), cluster);
            }
        }
    }

    private EntityExchangeResult<String> query(UUID cluster, int n) {
        return new RestCalls(client, tokens)
                .call(
                        "viewer",
                        HttpMethod.POST,
                        "/api/v1/metrics/query",
                        "{\"query\": \"aiops_test_temperature + " + n + "\", \"cluster_ids\": [\"" + cluster + "\"]}");
    }

    private void assertAnswered(EntityExchangeResult<String> answer) {
        assertThat(answer.getStatus().value()).as(answer.getResponseBody()).isEqualTo(200);
        JsonNode result =
                json.readTree(answer.getResponseBody()).path("results").get(0);
        assertThat(result.path("status").asString())
                .as(answer.getResponseBody())
                .isEqualTo("SUCCESS");
        assertThat(result.path("data")).as("the cluster's series").isNotEmpty();
    }

    private Set<String> newCacheKeys(Set<String> before) {
        Set<String> now = new HashSet<>(redis.keys(CACHE_KEYS));
        now.removeAll(before);
        return now;
    }

    /** Events waiting in the outbox (a VES batch is one row carrying its events' ids). */
    private long unpublished(String eventType, List<String> aggregates) {
        return jdbc.queryForObject(
                "select coalesce(sum(coalesce(cardinality(batch_event_ids), 1)), 0) from outbox_event"
                        + " where event_type = ? and published_at is null"
                        + " and aggregate_id = any(?)",
                Long.class,
                eventType,
                aggregates.toArray(String[]::new));
    }

    private EntityExchangeResult<String> webhook(String fingerprint) {
        return new RestCalls(client, tokens)
                .call("operator", HttpMethod.POST, "/api/v1/alerts/webhook", AlertmanagerWebhooks.firing(fingerprint));
    }

    private static String source() {
        return "gnb-outage-" + UUID.randomUUID();
    }

    /** {@code events} syslog events of one source, each with its own eventId. */
    private ObjectNode batch(String source, int events) {
        JsonNode template =
                json.readTree(fixture("fixtures/ves/valid-syslog.json")).path("event");
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("eventList");
        for (int i = 0; i < events; i++) {
            ObjectNode event = (ObjectNode) template.deepCopy();
            ((ObjectNode) event.path("commonEventHeader"))
                    .put("sourceName", source)
                    .put("eventId", "syslog-" + i);
            list.add(event);
        }
        return body;
    }

    private EntityExchangeResult<String> ves(ObjectNode body) {
        String basic =
                java.util.Base64.getEncoder().encodeToString("ves-agent:ves-secret".getBytes(StandardCharsets.UTF_8));
        return client.post()
                .uri("/eventListener/v7/eventBatch")
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body))
                .exchange()
                .returnResult(String.class);
    }

    private long stored(String source) {
        return jdbc.queryForObject("select count(*) from fcaps_event where source_name = ?", Long.class, source);
    }

    private double unlimited() {
        var counter = meters.find("ves.events.unlimited").counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, Long> fcapsEntries(String source) {
        return redis.opsForStream().range(EventDomain.FCAPS.stream(), Range.unbounded()).stream()
                .filter(entry ->
                        String.valueOf(entry.getValue().get("envelope")).contains(source))
                .map(entry -> String.valueOf(entry.getValue().get("event_id")))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** A consumer group behind the service's processed-event ledger: one effect per event of {@code source}. */
    private void assertEachActedOnOnce(EventDomain domain, String source, int events) {
        Map<UUID, AtomicInteger> effects = new ConcurrentHashMap<>();
        StreamSubscription consumer = streams.subscribe(domain, "faults-probe-" + source, event -> {
            if (event.payload().toString().contains(source)) {
                effects.computeIfAbsent(event.eventId(), id -> new AtomicInteger())
                        .incrementAndGet();
            }
        });
        consumer.start();
        try {
            await().atMost(PATIENCE).until(() -> effects.size() == events);
            await().atMost(PATIENCE).until(() -> consumer.pendingCount() == 0);
        } finally {
            consumer.stop();
        }
        assertThat(effects)
                .as("effects per event")
                .allSatisfy((event, count) -> assertThat(count.get()).isEqualTo(1));
    }

    private void assertEachEventOnceOnTheFcapsStream(String source) {
        Map<String, Long> byEventId = fcapsEntries(source);
        assertThat(byEventId)
                .as("FCAPS_EVENT_RECEIVED entries per event id of %s", source)
                .hasSize(OVER_BURST)
                .allSatisfy((event, entries) -> assertThat(entries).isEqualTo(1));
    }

    private List<JsonNode> gpuNodes(UUID cluster) {
        EntityExchangeResult<String> answer = new RestCalls(client, tokens)
                .call("viewer", HttpMethod.GET, "/api/v1/gpu/nodes?cluster_id=" + cluster, null);
        assertThat(answer.getStatus().value()).as(answer.getResponseBody()).isEqualTo(200);
        List<JsonNode> nodes = new ArrayList<>();
        json.readTree(answer.getResponseBody()).forEach(nodes::add);
        return nodes;
    }

    private double gpuCountMetric(UUID cluster) {
        return meters.find("aiops.gpu.count").gauges().stream()
                .filter(g ->
                        g.getId().getTags().stream().anyMatch(t -> t.getValue().equals(cluster.toString())))
                .mapToDouble(g -> g.value())
                .sum();
    }

    /** GPU_UPDATE entries on the GPU stream per node of the cluster. */
    private Map<String, Long> gpuUpdates(UUID cluster) {
        return redis.opsForStream().range(EventDomain.GPU.stream(), Range.unbounded()).stream()
                .map(entry -> json.readTree(String.valueOf(entry.getValue().get("envelope")))
                        .path("payload"))
                .filter(node -> node.path("cluster_id").asString().equals(cluster.toString()))
                .collect(Collectors.groupingBy(node -> node.path("node_name").asString(), Collectors.counting()));
    }

    private static String fixture(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
