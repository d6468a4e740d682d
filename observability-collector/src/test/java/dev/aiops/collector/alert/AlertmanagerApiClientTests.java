package dev.aiops.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.platform.outbound.UrlGuardProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbound rules of the Alertmanager poll: the user-supplied {@code alertmanager_url} is vetted by the
 * platform's guard before every call and the connection goes only to the address that check approved (DNS
 * rebinding refused at call time), redirects are not followed, error answers and oversized answers change
 * nothing. Served by a real HTTP server on loopback that answers as Alertmanager's API v2 does.
 */
class AlertmanagerApiClientTests {

    private static final String ONE_ALERT = """
            [{"annotations": {"summary": "probe"}, "endsAt": "2026-01-15T10:05:00.000Z",
              "fingerprint": "4f1b0c9b2e6d7a11", "receivers": [{"name": "default"}],
              "startsAt": "2026-01-15T09:41:02.117Z",
              "status": {"inhibitedBy": [], "silencedBy": [], "state": "active"},
              "updatedAt": "2026-01-15T10:01:00.000Z", "generatorURL": "http://prometheus/graph",
              "labels": {"alertname": "NodeDown", "severity": "critical"}}]
            """;

    private HttpServer server;
    private final AtomicReference<String> apiAnswer = new AtomicReference<>(ONE_ALERT);
    private final AtomicReference<Integer> apiStatus = new AtomicReference<>(200);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts", exchange -> {
            requests.incrementAndGet();
            byte[] body = apiAnswer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(apiStatus.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved/api/v2/alerts", exchange -> {
            exchange.getResponseHeaders().set("Location", base() + "/api/v2/alerts");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop(0);
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** First answer loopback (allowed in these guards), every later one the cloud metadata address. */
    static final class RebindingResolver implements OutboundUrlGuard.Resolver {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                    : new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        }
    }

    @Test
    void shouldRefuseAtCallTimeANameThatNowResolvesToADeniedAddress() {
        RebindingResolver resolver = new RebindingResolver();
        // no pinning: the connection makes its own (second) lookup, which answers the metadata address
        AlertmanagerApiClient client = client(true, Duration.ZERO, resolver);

        assertThatThrownBy(() -> client.activeAlerts(cluster("http://am.rebind.example:" + port())))
                .isInstanceOf(AlertmanagerApiClient.PollFailedException.class)
                .hasMessageContaining("refused at connect")
                .hasMessageContaining("link-local");
        assertThat(resolver.lookups).hasValue(2);
        assertThat(requests).hasValue(0);
    }

    @Test
    void shouldConnectToTheCheckedAddressWhileTheAnswerIsPinned() throws Exception {
        RebindingResolver resolver = new RebindingResolver();
        AlertmanagerApiClient client = client(true, Duration.ofSeconds(30), resolver);

        assertThat(client.activeAlerts(cluster("http://am.rebind.example:" + port())))
                .singleElement()
                .satisfies(a -> assertThat(a.fingerprint()).isEqualTo("4f1b0c9b2e6d7a11"));
        assertThat(resolver.lookups).hasValue(1);
        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldBindThePollsGuardUnderTheCollectorsKeysAndRefuseLoopbackByDefault() {
        AlertProperties.Poll defaults = bind(Map.of()).poll();
        assertThat(defaults.guard().allowLoopback()).isFalse();
        assertThat(defaults.guard().deniedNetworks()).contains("169.254.0.0/16", "100.100.100.200/32");

        assertThat(bind(Map.of("aiops.collector.alerts.poll.allow-loopback", "true"))
                        .poll()
                        .guard()
                        .allowLoopback())
                .isTrue();
        AlertProperties.Poll configured = bind(Map.of(
                        "aiops.collector.alerts.poll.url-guard.allow-loopback", "true",
                        "aiops.collector.alerts.poll.url-guard.denied-networks", "10.99.0.0/16",
                        "aiops.collector.alerts.poll.url-guard.pin-ttl", "5s"))
                .poll();
        assertThat(configured.guard().allowLoopback()).isTrue();
        assertThat(configured.guard().deniedNetworks()).containsExactly("10.99.0.0/16");
        assertThat(configured.guard().pinTtl()).isEqualTo(Duration.ofSeconds(5));
    }

    private static AlertProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("aiops.collector.alerts", AlertProperties.class);
    }

    @Test
    void shouldReadTheActiveAlertsOfAlertmanagersApiV2() throws Exception {
        List<AlertmanagerApiClient.ApiAlert> alerts = client(true).activeAlerts(cluster(base()));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.fingerprint()).isEqualTo("4f1b0c9b2e6d7a11");
            assertThat(a.labels()).containsEntry("alertname", "NodeDown");
            assertThat(a.generatorUrl()).isEqualTo("http://prometheus/graph");
        });
    }

    @Test
    void shouldNotFollowARedirect() {
        assertThatThrownBy(() -> client(true).activeAlerts(cluster(base() + "/moved")))
                .isInstanceOf(AlertmanagerApiClient.PollFailedException.class)
                .hasMessageContaining("HTTP 302");
    }

    @Test
    void shouldFailOnAnErrorAnswerAndOnAnOversizedOne() {
        apiStatus.set(500);
        assertThatThrownBy(() -> client(true).activeAlerts(cluster(base())))
                .isInstanceOf(AlertmanagerApiClient.PollFailedException.class)
                .hasMessageContaining("HTTP 500");

        apiStatus.set(200);
        apiAnswer.set(ONE_ALERT + " ".repeat(4096));
        assertThatThrownBy(() -> client(true).activeAlerts(cluster(base())))
                .isInstanceOf(AlertmanagerApiClient.PollFailedException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void shouldRefuseLoopbackUnlessAllowed() {
        assertThatThrownBy(() -> client(false).activeAlerts(cluster(base())))
                .isInstanceOf(AlertmanagerApiClient.PollFailedException.class)
                .hasMessageContaining("loopback");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://alertmanager.example.net",
                "file:///etc/passwd",
                "http://user:secret@alertmanager.example.net",
                "http://169.254.169.254",
                "http://[fe80::1]:9093",
                "http://[::ffff:169.254.169.254]",
                "http://metadata.google.internal",
                "http://100.100.100.200",
                "http://0.0.0.0:9093",
                "http://224.0.0.1",
                "http:///api"
            })
    void shouldRefuseUrlsThePollMustNotCall(String url) {
        assertThatThrownBy(() -> client(true).activeAlerts(cluster(url)))
                .isInstanceOf(AlertmanagerApiClient.PollFailedException.class)
                .hasMessageStartingWith("alertmanager_url ");
    }

    @Test
    void shouldResolveTheApiPathUnderTheConfiguredBase() {
        assertThat(AlertmanagerApiClient.under("http://127.0.0.1:9093/alertmanager", "api/v2/alerts")
                        .toString())
                .isEqualTo("http://127.0.0.1:9093/alertmanager/api/v2/alerts");
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static ClusterConnection cluster(String alertmanagerUrl) {
        return new ClusterConnection(UUID.randomUUID(), "edge", null, null, alertmanagerUrl);
    }

    private AlertmanagerApiClient client(boolean allowLoopback) {
        return client(allowLoopback, Duration.ofSeconds(30), OutboundUrlGuard.Resolver.SYSTEM);
    }

    private AlertmanagerApiClient client(boolean allowLoopback, Duration pinTtl, OutboundUrlGuard.Resolver resolver) {
        UrlGuardProperties guardDefaults = bind(Map.of()).poll().urlGuard();
        AlertProperties properties = new AlertProperties(
                new AlertProperties.Poll(
                        true,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        ONE_ALERT.length() + 100,
                        1,
                        allowLoopback,
                        new UrlGuardProperties(
                                guardDefaults.deniedHosts(),
                                guardDefaults.deniedNetworks(),
                                false,
                                guardDefaults.resolveTimeout(),
                                pinTtl)),
                new AlertProperties.Webhook(List.of()));
        OutboundUrlGuard guard = new OutboundUrlGuard(properties.poll().guard(), resolver);
        GuardedHttpClients clients = new GuardedHttpClients(guard);
        opened.add(guard);
        opened.add(clients);
        return new AlertmanagerApiClient(properties, JsonMapper.builder().build(), guard, clients);
    }
}
