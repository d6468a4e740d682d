package dev.aiops.intent.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.platform.test.RestCalls;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.ProxiedDatabase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * intent-service's PostgreSQL goes away mid-traffic and comes back, as the registry's does in its own
 * {@code DatabaseOutageTests} (docs/RELIABILITY.md). The service reaches its database through a TCP proxy;
 * taking the proxy down cuts every open connection and refuses new ones, which is what the service sees
 * when PostgreSQL stops, while its background loops (pipeline, CNF workers, relays) keep polling. Requests
 * must answer 503 problem+json, readiness must go DOWN, a refused intent must leave nothing behind, and once
 * the database is back the service must recover without a restart.
 */
@IntentIntegrationTest
class DatabaseOutageTests {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageTests.class);
    static final ProxiedDatabase DATABASE = ProxiedDatabase.create("intent_outage");
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

    @Autowired
    JsonMapper json;

    @AfterAll
    static void closeLink() {
        DATABASE.close();
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsAwayAndRecoverWithoutARestart() {
        EntityExchangeResult<String> before =
                rest().call("operator", HttpMethod.POST, "/api/v1/intents", sentence(10_000));
        assertThat(before.getStatus().value()).as(before.getResponseBody()).isEqualTo(201);
        assertThat(rest().status("/actuator/health/readiness")).isEqualTo(200);

        String refusedText = sentence(20_000);
        String refusedTmfName = "outage-" + UUID.randomUUID();
        DATABASE.down();
        try {
            long started = System.nanoTime();
            EntityExchangeResult<String> list = rest().call("viewer", HttpMethod.GET, "/api/v1/intents", null);
            log.info(
                    "GET /api/v1/intents answered {} {} ms after the database went away",
                    list.getStatus(),
                    (System.nanoTime() - started) / 1_000_000);
            RestCalls.assertServiceUnavailable(list);

            RestCalls.assertServiceUnavailable(
                    rest().call("viewer", HttpMethod.GET, "/tmf-api/intentManagement/v5/intent", null));
            RestCalls.assertServiceUnavailable(
                    rest().call("operator", HttpMethod.POST, "/api/v1/intents", refusedText));
            RestCalls.assertServiceUnavailable(
                    rest().call("operator", HttpMethod.POST, "/tmf-api/intentManagement/v5/intent", """
                    {"name": "%s", "@type": "Intent", "expression": {"@type": "JsonLdExpression",
                     "expressionLanguage": "text", "expressionValue": "Setup mMTC for 30000 devices"}}""".formatted(
                                    refusedTmfName)));

            rest().awaitOutOfRotation(PATIENCE);

            DATABASE.up();

            rest().awaitBackInRotation(PATIENCE);
            await().atMost(PATIENCE)
                    .until(() -> rest().call("viewer", HttpMethod.GET, "/api/v1/intents", null)
                                    .getStatus()
                                    .value()
                            == 200);
            // the refused creations wrote nothing: no intent, no event, no report
            assertThat(jdbc.queryForObject(
                            "select count(*) from intents.intent where text = ? or name = ?",
                            Long.class,
                            json.readTree(refusedText).path("text").asString(),
                            refusedTmfName))
                    .isZero();
            EntityExchangeResult<String> after =
                    rest().call("operator", HttpMethod.POST, "/api/v1/intents", sentence(40_000));
            assertThat(after.getStatus().value()).as(after.getResponseBody()).isEqualTo(201);
        } finally {
            DATABASE.up();
        }
    }

    /** A sentence the rules parser understands, with a device count no other intent of this test has. */
    private static String sentence(int thousands) {
        int devices = thousands + ThreadLocalRandom.current().nextInt(1, 999);
        return "{\"text\": \"Setup mMTC for " + devices + " devices\"}";
    }

    private RestCalls rest() {
        return new RestCalls(client, tokens);
    }
}
