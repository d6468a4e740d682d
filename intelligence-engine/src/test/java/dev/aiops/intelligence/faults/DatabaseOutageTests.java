package dev.aiops.intelligence.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
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
 * The intelligence engine's PostgreSQL goes away mid-traffic and comes back, as in intent-service's and the
 * registry's {@code DatabaseOutageTests} (docs/RELIABILITY.md). The service reaches its database through the
 * test kit's {@link TcpProxy}; taking it down cuts every open connection and refuses new ones, which is what
 * the service sees when PostgreSQL stops. Personas and chat sessions must answer 503 problem+json, readiness
 * must go DOWN with liveness UP, a refused creation must leave no row, and the service must recover by itself.
 */
@IntelligenceIntegrationTest
class DatabaseOutageTests {

    static final ProxiedDatabase DATABASE = ProxiedDatabase.create("intelligence_outage");
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
        EntityExchangeResult<String> before = rest().call("admin", HttpMethod.POST, "/api/v1/personas", persona());
        assertThat(before.getStatus().value()).as(before.getResponseBody()).isEqualTo(201);
        assertThat(rest().status("/actuator/health/readiness")).isEqualTo(200);
        long sessionsBefore = count("chat_session");

        String refused = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        DATABASE.down();
        try {
            RestCalls.assertServiceUnavailable(rest().call("viewer", HttpMethod.GET, "/api/v1/personas", null));
            RestCalls.assertServiceUnavailable(
                    rest().call("admin", HttpMethod.POST, "/api/v1/personas", persona(refused)));
            RestCalls.assertServiceUnavailable(
                    rest().call("operator", HttpMethod.POST, "/api/v1/chat/sessions", "{\"title\": \"outage\"}"));
            RestCalls.assertServiceUnavailable(
                    rest().call("viewer", HttpMethod.GET, "/api/v1/analysis/anomalies", null));

            rest().awaitOutOfRotation(PATIENCE);

            DATABASE.up();

            rest().awaitBackInRotation(PATIENCE);
            await().atMost(PATIENCE)
                    .until(() -> rest().call("viewer", HttpMethod.GET, "/api/v1/personas", null)
                                    .getStatus()
                                    .value()
                            == 200);
            // the refused creations wrote nothing
            assertThat(jdbc.queryForObject("select count(*) from persona where id = ?", Long.class, refused))
                    .isZero();
            assertThat(count("chat_session")).isEqualTo(sessionsBefore);
            EntityExchangeResult<String> after = rest().call("admin", HttpMethod.POST, "/api/v1/personas", persona());
            assertThat(after.getStatus().value()).as(after.getResponseBody()).isEqualTo(201);
        } finally {
            DATABASE.up();
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static String persona() {
        return persona("sre-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String persona(String id) {
        return """
                {
                  "id": "%s",
                  "name": "Outage SRE",
                  "description": "Short answers while the database is away.",
                  "system_prompt": "You help the on-call engineer. Lead with what is broken and where.",
                  "capabilities": ["list_alerts", "get_cluster_status"],
                  "icon": "moon"
                }
                """.formatted(id);
    }

    private RestCalls rest() {
        return new RestCalls(client, tokens);
    }
}
