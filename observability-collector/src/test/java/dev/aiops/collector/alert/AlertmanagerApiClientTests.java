package dev.aiops.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.aiops.collector.cluster.ClusterConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbound rules of the Alertmanager poll: the user-supplied {@code alertmanager_url} is vetted before
 * every call, redirects are not followed, error answers and oversized answers change nothing. Served by a
 * real HTTP server on loopback that answers as Alertmanager's API v2 does.
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

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts", exchange -> {
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
    void stopServer() {
        server.stop(0);
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
        AlertmanagerUrlGuard guard = new AlertmanagerUrlGuard(true);
        assertThatThrownBy(() -> guard.check(url, "api/v2/alerts"))
                .isInstanceOf(AlertmanagerUrlGuard.BlockedUrlException.class);
    }

    @Test
    void shouldResolveTheApiPathUnderTheConfiguredBase() {
        assertThat(new AlertmanagerUrlGuard(true)
                        .check("http://127.0.0.1:9093/alertmanager", "api/v2/alerts")
                        .toString())
                .isEqualTo("http://127.0.0.1:9093/alertmanager/api/v2/alerts");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static ClusterConnection cluster(String alertmanagerUrl) {
        return new ClusterConnection(UUID.randomUUID(), "edge", null, null, alertmanagerUrl);
    }

    private static AlertmanagerApiClient client(boolean allowLoopback) {
        AlertProperties properties = new AlertProperties(
                new AlertProperties.Poll(
                        true,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        ONE_ALERT.length() + 100,
                        1,
                        allowLoopback),
                new AlertProperties.Webhook(List.of()));
        return new AlertmanagerApiClient(properties, JsonMapper.builder().build());
    }
}
