package dev.aiops.porch.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.generation.CnfSpec;
import dev.aiops.porch.generation.PackageGenerator;
import dev.aiops.porch.git.CommitInfo;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.repositories.PackageStores;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Git ahead of the index, as a crash between git's commit point and the database's leaves it. */
@PorchIntegrationTest
class PackageIndexReconcilerTests {

    @Autowired
    PackageIndexReconciler reconciler;

    @Autowired
    PackageStores stores;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Test
    void shouldIndexRevisionsGitHasAndTheDatabaseMissed() {
        GitPackageStore git = stores.store("packages");
        String published = "amf-" + UUID.randomUUID().toString().substring(0, 8);
        String drafted = "smf-" + UUID.randomUUID().toString().substring(0, 8);
        CommitInfo info = new CommitInfo("crash test", "intent-7", "corr-7");
        ObjectId commit = git.writeDraft(
                published,
                "ws1",
                PackageGenerator.generate(
                        published, new CnfSpec("AMF", "edge9", 1, null, null, null, null, null, null)),
                null,
                info);
        git.propose(published, "ws1", commit);
        git.publish(published, "ws1", 1, commit, info);
        git.writeDraft(
                drafted,
                "ws2",
                PackageGenerator.generate(drafted, new CnfSpec("SMF", "edge9", 1, null, null, null, null, null, null)),
                null,
                info);

        int fixed = transactions.execute(status -> reconciler.reconcile("packages", git));

        assertThat(fixed).isGreaterThanOrEqualTo(2);
        Map<String, Object> row = jdbc.queryForMap(
                "select lifecycle, revision, site, intent_id from package_revision where id = ?",
                "packages." + published + ".ws1");
        assertThat(row)
                .containsEntry("lifecycle", "PUBLISHED")
                .containsEntry("revision", 1)
                .containsEntry("site", "edge9")
                .containsEntry("intent_id", "intent-7");
        assertThat(jdbc.queryForObject(
                        "select lifecycle from package_revision where id = ?",
                        String.class,
                        "packages." + drafted + ".ws2"))
                .isEqualTo("DRAFT");
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where aggregate_id = ?",
                        Integer.class,
                        "packages." + published + ".ws1"))
                .isEqualTo(1);
    }

    @Test
    void shouldFinishAnApprovalWhoseDatabaseCommitWasLostWhenRetried() {
        String pkg = "nrf-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "packages." + pkg + ".v1";
        client.post()
                .uri("/api/v1/packages")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"package_name\": \"" + pkg + "\", \"cnf\": {\"function\": \"NRF\", \"site\": \"edge3\"}}")
                .exchange()
                .expectStatus()
                .isCreated();
        client.post()
                .uri("/api/v1/packages/{n}/propose", name)
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isOk();
        // git got past its commit point; the database row still says Proposed
        GitPackageStore git = stores.store("packages");
        git.publish(
                pkg,
                "v1",
                1,
                git.resolve(GitPackageStore.proposedRef(pkg, "v1")).orElseThrow(),
                new CommitInfo("Publish", null, null));

        client.post()
                .uri("/api/v1/packages/{n}/approve", name)
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Published")
                .jsonPath("$.revision")
                .isEqualTo(1);
        assertThat(git.resolve(GitPackageStore.tagRef(pkg, 2)))
                .as("published once, not twice")
                .isEmpty();
    }
}
