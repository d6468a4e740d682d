package dev.aiops.registry.faults;

import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.RegistryIntegrationTest;
import dev.aiops.testkit.ProxiedDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry's PostgreSQL goes away mid-traffic and comes back. The registry reaches its own
 * database through a TCP proxy; taking the proxy down cuts every open connection and refuses new ones,
 * which is what the service sees when PostgreSQL stops. Requests must answer 503 problem+json (the pool
 * waits a bounded time), readiness must go DOWN, a refused registration must leave nothing behind, and
 * once the database is back the service must recover without a restart.
 */
@RegistryIntegrationTest
class DatabaseOutageTests {

    static final ProxiedDatabase DATABASE = ProxiedDatabase.create("registry_outage");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeLink() {
        DATABASE.close();
    }

    int readiness() {
        return api.anonymous().get("/actuator/health/readiness").status();
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsAwayAndRecoverWithoutARestart() {
        Response before = api.as("operator").post("/api/v1/clusters", cluster(uniqueName("before")));
        assertThat(before.status()).as(before.toString()).isEqualTo(201);
        assertThat(readiness()).isEqualTo(200);

        DATABASE.down();
        try {
            Response list = api.as("viewer").get("/api/v1/clusters");
            assertThat(list.status()).as(list.toString()).isEqualTo(503);
            assertThat(list.header("Content-Type")).startsWith("application/problem+json");
            assertThat(list.body().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(list.text())
                    .doesNotContain("Exception")
                    .doesNotContain("jdbc:")
                    .doesNotContain("at dev.");

            String refusedName = uniqueName("during");
            Response refused = api.as("operator").post("/api/v1/clusters", cluster(refusedName));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.body().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");

            await().atMost(PATIENCE).until(() -> readiness() == 503);
            assertThat(api.anonymous().get("/actuator/health/liveness").status())
                    .isEqualTo(200);

            DATABASE.up();

            await().atMost(PATIENCE).until(() -> readiness() == 200);
            await().atMost(PATIENCE)
                    .until(() -> api.as("viewer").get("/api/v1/clusters").status() == 200);
            assertThat(jdbc.queryForObject(
                            "select count(*) from clusters.cluster where name = ?", Long.class, refusedName))
                    .isZero();
            Response after = api.as("operator").post("/api/v1/clusters", cluster(uniqueName("after")));
            assertThat(after.status()).as(after.toString()).isEqualTo(201);
        } finally {
            DATABASE.up();
        }
    }
}
