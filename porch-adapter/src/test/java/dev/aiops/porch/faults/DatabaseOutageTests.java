package dev.aiops.porch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.platform.test.RestCalls;
import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.repositories.PackageStores;
import dev.aiops.porch.support.PorchIntegrationTest;
import dev.aiops.testkit.ProxiedDatabase;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * porch-adapter's PostgreSQL (the package index) goes away mid-traffic and comes back, as the registry's does
 * in its own {@code DatabaseOutageTests} (docs/RELIABILITY.md). The service reaches its database through a TCP
 * proxy; taking the proxy down cuts every open connection and refuses new ones, which is what the service sees
 * when PostgreSQL stops. Requests must answer 503 problem+json, readiness must go DOWN, a refused package must
 * leave nothing behind (no index row and no draft branch in git: the transaction cannot begin, so git is never
 * touched), and once the database is back the service must recover without a restart.
 */
@PorchIntegrationTest
class DatabaseOutageTests {

    static final ProxiedDatabase DATABASE = ProxiedDatabase.create("porch_outage");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        // a package store of its own, so its index (this database) and its git refs start out in agreement
        registry.add("aiops.porch.git-directory", () -> "target/outage-packages.git");
    }

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    PackageStores stores;

    @AfterAll
    static void closeLink() {
        DATABASE.close();
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsAwayAndRecoverWithoutARestart() {
        String before = uniquePackage();
        EntityExchangeResult<String> created =
                rest().call("operator", HttpMethod.POST, "/api/v1/packages", body(before));
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        assertThat(rest().status("/actuator/health/readiness")).isEqualTo(200);

        String refused = uniquePackage();
        DATABASE.down();
        try {
            RestCalls.assertServiceUnavailable(rest().call("viewer", HttpMethod.GET, "/api/v1/packages", null));
            RestCalls.assertServiceUnavailable(
                    rest().call("viewer", HttpMethod.GET, "/api/v1/packages/packages." + before + ".v1", null));
            RestCalls.assertServiceUnavailable(
                    rest().call("operator", HttpMethod.POST, "/api/v1/packages", body(refused)));
            RestCalls.assertServiceUnavailable(rest().call(
                            "operator", HttpMethod.POST, "/api/v1/packages/packages." + before + ".v1/propose", null));

            rest().awaitOutOfRotation(PATIENCE);

            DATABASE.up();

            rest().awaitBackInRotation(PATIENCE);
            await().atMost(PATIENCE)
                    .until(() -> rest().call("viewer", HttpMethod.GET, "/api/v1/packages", null)
                                    .getStatus()
                                    .value()
                            == 200);
            // the refused writes left nothing: no row, no draft branch; the refused proposal left the draft a draft
            assertThat(jdbc.queryForObject(
                            "select count(*) from porch.package_revision where package_name = ?", Long.class, refused))
                    .isZero();
            assertThat(git().refs("refs/heads/drafts/" + refused + "/")).isEmpty();
            assertThat(git().resolve(GitPackageStore.draftRef(before, "v1"))).isPresent();
            assertThat(git().refs("refs/heads/proposed/" + before + "/")).isEmpty();
            assertThat(json.readTree(rest().call(
                                            "viewer",
                                            HttpMethod.GET,
                                            "/api/v1/packages/packages." + before + ".v1",
                                            null)
                                    .getResponseBody())
                            .path("lifecycle")
                            .asString())
                    .isEqualTo("Draft");

            String after = uniquePackage();
            EntityExchangeResult<String> again =
                    rest().call("operator", HttpMethod.POST, "/api/v1/packages", body(after));
            assertThat(again.getStatus().value()).as(again.getResponseBody()).isEqualTo(201);
            assertThat(git().resolve(GitPackageStore.draftRef(after, "v1"))).isPresent();
        } finally {
            DATABASE.up();
        }
    }

    private GitPackageStore git() {
        return stores.store("packages");
    }

    private static String uniquePackage() {
        return "upf-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String packageName) {
        return """
                {"package_name": "%s", "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"}}
                """.formatted(packageName);
    }

    private RestCalls rest() {
        return new RestCalls(client, tokens);
    }
}
