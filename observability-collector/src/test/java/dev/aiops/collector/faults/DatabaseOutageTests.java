package dev.aiops.collector.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.platform.test.RestCalls;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.ProxiedDatabase;
import dev.aiops.testkit.TcpProxy;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The collector's PostgreSQL goes away mid-traffic and comes back, as in intent-service's and the registry's
 * {@code DatabaseOutageTests} (docs/RELIABILITY.md). The service reaches its database through the test kit's
 * {@link TcpProxy}; taking it down cuts every open connection and refuses new ones, which is what the service
 * sees when PostgreSQL stops, while its background loops (Alertmanager poll, outbox relay) keep running. Alert
 * reads and the Alertmanager webhook must answer 503 problem+json (Alertmanager retries a failed webhook),
 * readiness must go DOWN with liveness UP, a refused webhook must leave neither alert nor event, and the
 * service must recover by itself.
 */
@CollectorIntegrationTest
class DatabaseOutageTests {

    static final ProxiedDatabase DATABASE = ProxiedDatabase.create("collector_outage");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeLink() {
        DATABASE.close();
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsAwayAndRecoverWithoutARestart() {
        String stored = fingerprint();
        EntityExchangeResult<String> before = webhook(stored);
        assertThat(before.getStatus().value()).as(before.getResponseBody()).isEqualTo(200);
        assertThat(rest().status("/actuator/health/readiness")).isEqualTo(200);

        String refused = fingerprint();
        DATABASE.down();
        try {
            RestCalls.assertServiceUnavailable(rest().call("viewer", HttpMethod.GET, "/api/v1/alerts", null));
            RestCalls.assertServiceUnavailable(rest().call("viewer", HttpMethod.GET, "/api/v1/alerts/" + stored, null));
            RestCalls.assertServiceUnavailable(webhook(refused));

            rest().awaitOutOfRotation(PATIENCE);

            DATABASE.up();

            rest().awaitBackInRotation(PATIENCE);
            await().atMost(PATIENCE)
                    .until(() -> rest().call("viewer", HttpMethod.GET, "/api/v1/alerts/" + stored, null)
                                    .getStatus()
                                    .value()
                            == 200);
            // the refused webhook wrote nothing: no alert, no event
            assertThat(jdbc.queryForObject(
                            "select count(*) from outbox_event where aggregate_id = ?", Long.class, refused))
                    .isZero();
            assertThat(rest().call("viewer", HttpMethod.GET, "/api/v1/alerts/" + refused, null)
                            .getStatus()
                            .value())
                    .isEqualTo(404);
            // Alertmanager sends the refused notification again: now it is stored, with its one event
            EntityExchangeResult<String> retried = webhook(refused);
            assertThat(retried.getStatus().value())
                    .as(retried.getResponseBody())
                    .isEqualTo(200);
            assertThat(jdbc.queryForList(
                            "select event_type from outbox_event where aggregate_id = ?", String.class, refused))
                    .containsExactly("ALERT_FIRED");
        } finally {
            DATABASE.up();
        }
    }

    private EntityExchangeResult<String> webhook(String fingerprint) {
        return rest().call(
                        "operator",
                        HttpMethod.POST,
                        "/api/v1/alerts/webhook",
                        AlertmanagerWebhooks.firing(fingerprint));
    }

    private static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private RestCalls rest() {
        return new RestCalls(client, tokens);
    }
}
