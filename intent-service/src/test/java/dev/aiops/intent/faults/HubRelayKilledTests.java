package dev.aiops.intent.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.testkit.FreePorts;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.RedisServerHandle;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * intent-service killed with SIGKILL while its hub relay holds leases on TMF921 notifications a slow listener
 * has not answered yet, then started again on the same PostgreSQL, Redis and port. A relay that stops cleanly
 * hands its calls back; a killed one cannot, so its rows stay hidden until their lease runs out and the
 * restarted relay sends them again. The lease is lease-time + connect + read timeout; the test sets
 * lease-time to 1 s (production 30 s) and keeps a read timeout long enough that no held call times out before
 * the kill, so the restarted service waits about 32 s for it, not the production 37 s.
 *
 * <p>The at-least-once design allows exactly these duplicates: a notification whose call was in flight when
 * the JVM died (the listener got it, the relay never saw the answer) arrives again with the same {@code
 * eventId}, and one the listener refused (503) is sent again. Every notification is accepted (2xx) once here:
 * the kill hits while no 2xx is on its way, so a notification accepted twice would be a second send of a row
 * already deleted, which the design does not allow. Per intent, notifications are accepted in the order they
 * were written.
 */
class HubRelayKilledTests {

    private static final Logger log = LoggerFactory.getLogger(HubRelayKilledTests.class);
    private static final String SECRET = IntentServiceProcess.SECRET;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String V5 = "/tmf-api/intentManagement/v5";
    /** Each with its own stream of notifications: created, then renamed {@link #RENAMES} times. */
    private static final int INTENTS = 4;

    private static final int RENAMES = 2;
    /** After the restart, the listener refuses this many calls before it accepts. */
    private static final int REFUSED_AFTER_RESTART = 3;

    static RedisServerHandle redisServer;
    static PostgresDatabase database;
    static JdbcTemplate jdbc;
    static final int PORT = FreePorts.find();

    @BeforeAll
    static void infrastructure() {
        redisServer = RedisServerHandle.startOnFreePort();
        database = SharedPostgres.get()
                .createDatabase("intent_hubkill_" + UUID.randomUUID().toString().substring(0, 8));
        jdbc = new JdbcTemplate(new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                database.jdbcUrl() + "?currentSchema=intents",
                database.username(),
                database.password()));
    }

    @AfterAll
    static void closeInfrastructure() {
        if (redisServer != null) {
            redisServer.close();
        }
    }

    @Test
    void shouldDeliverEveryHubNotificationInOrderWhenKilledWhileHoldingDeliveryLeases() throws Exception {
        String token = new DevTokenIssuer(
                        new SecurityProperties(true, SECRET, "aiops-dev", Duration.ofHours(1), "roles", null))
                .issue("test-operator", Set.of("operator"))
                .accessToken();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JsonMapper json = JsonMapper.shared();
        try (Listener listener = new Listener()) {
            Map<Long, Delivery> written;
            Set<UUID> leasedAtKill;
            ServiceJarServer service = start();
            int exit;
            try {
                URI base = URI.create("http://127.0.0.1:" + PORT + V5);
                HttpResponse<String> subscribed = send(
                        http,
                        token,
                        "POST",
                        base.resolve(V5 + "/hub"),
                        "{\"callback\": \"" + listener.callback() + "\"}");
                assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
                for (int i = 0; i < INTENTS; i++) {
                    HttpResponse<String> created =
                            send(http, token, "POST", base.resolve(V5 + "/intent"), """
                            {"name": "kill-%d", "expression": {"@type": "JsonLdExpression", "expressionLanguage": "text",
                             "expressionValue": "Setup mMTC for %d devices"}, "@type": "Intent"}""".formatted(i, 10_000 + i));
                    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                    String id = json.readTree(created.body()).path("id").asString();
                    for (int r = 1; r <= RENAMES; r++) {
                        HttpResponse<String> renamed = send(
                                http,
                                token,
                                "PATCH",
                                base.resolve(V5 + "/intent/" + id),
                                "{\"name\": \"kill-" + i + "-" + r + "\", \"@type\": \"Intent\"}");
                        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
                    }
                }
                // everything is written while the listener fails; now it turns slow: the relay's next calls
                // reach it and are held unanswered, each intent's later notifications waiting behind its first
                // (per-intent order). Killed as soon as the listener holds calls whose rows the relay leases.
                listener.hold();
                written = delivered();
                assertThat(written.values().stream().map(Delivery::intentId).distinct())
                        .hasSize(INTENTS);
                java.util.concurrent.atomic.AtomicReference<Set<UUID>> inFlight =
                        new java.util.concurrent.atomic.AtomicReference<>(Set.of());
                await().atMost(PATIENCE).until(() -> {
                    Set<UUID> leasedNow = leased();
                    inFlight.set(listener.arrivals().stream()
                            .filter(Arrival::held)
                            .map(Arrival::eventId)
                            .filter(leasedNow::contains)
                            .collect(Collectors.toSet()));
                    return !inFlight.get().isEmpty();
                });
                leasedAtKill = inFlight.get();
                exit = service.kill();
            } finally {
                service.stop();
            }
            assertThat(exit).as("the JVM ended by SIGKILL (128 + 9)").isEqualTo(137);
            // a killed relay hands nothing back: its rows are still leased, owed, hidden until the lease ends
            assertThat(leased()).as("still leased after the kill").containsAll(leasedAtKill);
            assertThat(delivered().keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
            List<Arrival> beforeRestart = listener.arrivals();
            long heldCalls = beforeRestart.stream().filter(Arrival::held).count();

            listener.refuseNext(REFUSED_AFTER_RESTART); // the held calls are released (to a dead caller) first
            ServiceJarServer restarted = start();
            try {
                await().atMost(PATIENCE)
                        .until(() -> jdbc.queryForObject("select count(*) from hub_delivery", Long.class) == 0);
            } finally {
                restarted.stop();
            }

            List<Arrival> arrivals = listener.arrivals();
            Set<UUID> expected =
                    written.values().stream().map(Delivery::eventId).collect(Collectors.toSet());
            List<Arrival> accepted =
                    arrivals.stream().filter(a -> a.status() == 201).toList();
            assertThat(accepted)
                    .as("every notification written is accepted by the listener, none lost, none twice")
                    .extracting(Arrival::eventId)
                    .containsExactlyInAnyOrderElementsOf(expected);
            // per intent, accepted in the order they were written (seq), also across the kill
            Map<UUID, Long> seqOf = new LinkedHashMap<>();
            written.forEach((seq, delivery) -> seqOf.put(delivery.eventId(), seq));
            Map<UUID, List<Long>> acceptedOrder = accepted.stream()
                    .collect(Collectors.groupingBy(
                            Arrival::intentId, Collectors.mapping(a -> seqOf.get(a.eventId()), Collectors.toList())));
            assertThat(acceptedOrder).hasSize(INTENTS);
            assertThat(acceptedOrder)
                    .allSatisfy((intent, seqs) -> assertThat(seqs)
                            .as("notifications of intent %s, in the order accepted", intent)
                            .hasSizeGreaterThanOrEqualTo(1 + RENAMES) // created, renamed twice (and any report)
                            .containsExactlyElementsOf(written.entrySet().stream()
                                    .filter(row -> row.getValue().intentId().equals(intent))
                                    .map(Map.Entry::getKey)
                                    .sorted()
                                    .toList()));
            // duplicates the design allows: in flight at the kill, or refused by the listener; nothing else
            Map<UUID, Long> arrivalsPerEvent =
                    arrivals.stream().collect(Collectors.groupingBy(Arrival::eventId, Collectors.counting()));
            Set<UUID> refused = arrivals.stream()
                    .filter(a -> a.status() != 201)
                    .map(Arrival::eventId)
                    .collect(Collectors.toSet());
            Set<UUID> sentAgain = arrivals.stream()
                    .map(Arrival::eventId)
                    .filter(id -> arrivalsPerEvent.get(id) > 1)
                    .collect(Collectors.toSet());
            // the lease-expiry path: what the killed relay had in flight was sent again by the restarted one
            assertThat(leasedAtKill)
                    .allSatisfy(id -> assertThat(arrivals.subList(beforeRestart.size(), arrivals.size()))
                            .as("in flight at the kill, sent again after the restart: %s", id)
                            .extracting(Arrival::eventId)
                            .contains(id));
            assertThat(sentAgain)
                    .as("sent again only when unanswered or refused")
                    .isSubsetOf(refused);
            assertThat(arrivals.subList(beforeRestart.size(), arrivals.size()))
                    .as("after the restart: %s refused, then accepted", REFUSED_AFTER_RESTART)
                    .extracting(Arrival::status)
                    .containsOnly(503, 201)
                    .filteredOn(status -> status == 503)
                    .hasSize(REFUSED_AFTER_RESTART);
            log.info(
                    "{} notifications written for {} intents; {} in flight and leased at the kill ({} calls held by the"
                            + " listener before it, some timed out and sent again);"
                            + " listener received {} calls: {} accepted, {} refused or unanswered, {} arrivals beyond"
                            + " one per notification",
                    expected.size(),
                    INTENTS,
                    leasedAtKill.size(),
                    heldCalls,
                    arrivals.size(),
                    accepted.size(),
                    arrivals.size() - accepted.size(),
                    arrivals.size() - expected.size());
        }
    }

    private record Delivery(UUID eventId, UUID intentId) {}

    /** Every notification owed, by seq (the per-intent order). */
    private static Map<Long, Delivery> delivered() {
        Map<Long, Delivery> rows = new LinkedHashMap<>();
        jdbc.query("select seq, event_id, intent_id from hub_delivery order by seq", rs -> {
            rows.put(
                    rs.getLong("seq"),
                    new Delivery(rs.getObject("event_id", UUID.class), rs.getObject("intent_id", UUID.class)));
        });
        return rows;
    }

    /** The notifications a relay has claimed and not finished (or is backing off): due only in the future. */
    private static Set<UUID> leased() {
        return Set.copyOf(
                jdbc.queryForList("select event_id from hub_delivery where next_attempt_at > now()", UUID.class));
    }

    private static HttpResponse<String> send(HttpClient http, String token, String method, URI uri, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The service on this test's database, Redis and port; the services it calls are not there. The hub
     * relay's lease is short (1 s + 1 s connect + 30 s read, the read timeout long enough that no held call times out before the kill) and its backoff capped at 1 s, and loopback
     * callbacks are allowed for the test's listener.
     */
    private static ServiceJarServer start() {
        return IntentServiceProcess.builder(PORT, database, redisServer, "intent-service-hub-kill-test")
                .property("aiops.intent.hub.url-guard.allow-loopback", "true")
                .property("aiops.intent.hub.poll-interval", "100ms")
                .property("aiops.intent.hub.lease-time", "1s")
                .property("aiops.intent.hub.connect-timeout", "1s")
                .property("aiops.intent.hub.read-timeout", "30s")
                .property("aiops.intent.hub.initial-backoff", "200ms")
                .property("aiops.intent.hub.max-backoff", "1s")
                .start();
    }

    /** One call the listener received, and what it answered (0: the caller was gone before the answer). */
    private record Arrival(UUID eventId, UUID intentId, String eventType, int status, boolean held) {}

    /**
     * A TMF921 listener (the JDK's HTTP server on loopback) whose behaviour the test moves through phases:
     * failing ({@code 503} at once) while the intents are written, then slow (every call held unanswered),
     * then, after the kill, failing for a few calls and accepting ({@code 201}) the rest.
     */
    private static final class Listener implements AutoCloseable {

        private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger toRefuse = new AtomicInteger(Integer.MAX_VALUE);
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final HttpServer server;
        private volatile boolean holding;

        Listener() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/tmf-listener/", exchange -> {
                try (exchange) {
                    JsonNode body = JsonMapper.shared()
                            .readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    UUID eventId = UUID.fromString(body.path("eventId").asString());
                    UUID intentId = UUID.fromString(body.path("correlationId").asString());
                    String type = body.path("eventType").asString();
                    boolean held = holding;
                    // recorded on arrival with the answer it gets: a held call is answered 503 once released,
                    // by then to a caller that is gone
                    int status = held || toRefuse.getAndDecrement() > 0 ? 503 : 201;
                    arrivals.add(new Arrival(eventId, intentId, type, status, held));
                    if (held) {
                        release.await(3, TimeUnit.MINUTES); // slow: the relay's call stays in flight
                    }
                    exchange.sendResponseHeaders(status, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException callerWentAway) {
                    // the killed service's connection: recorded above with the answer it did not get
                }
            });
            server.setExecutor(executor); // one thread per call: held calls do not block the next
            server.start();
        }

        String callback() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/tmf-listener";
        }

        /** Calls received so far (a held call counts from its arrival), oldest first. */
        List<Arrival> arrivals() {
            return List.copyOf(arrivals);
        }

        /** From failing to slow: calls from now on are held unanswered. */
        void hold() {
            holding = true;
        }

        /** Ends the slow phase (held calls are answered 503), then refuses {@code count} more calls. */
        void refuseNext(int count) {
            toRefuse.set(count);
            holding = false;
            release.countDown();
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
