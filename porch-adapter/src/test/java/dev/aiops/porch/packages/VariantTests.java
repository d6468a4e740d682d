package dev.aiops.porch.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.git.CommitInfo;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.repositories.PackageStores;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@PorchIntegrationTest
class VariantTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    PackageStores stores;

    @Autowired
    JdbcTemplate jdbc;

    PackagesClient api;
    String upstream;
    String set;

    @BeforeEach
    void publishedUpstream() {
        api = new PackagesClient(client, tokens, stores);
        String id = UUID.randomUUID().toString().substring(0, 8);
        upstream = "upf-" + id;
        set = "fleet-" + id;
        api.publishUpf(upstream, "v1", "template", "");
    }

    String body(String sites, String extra) {
        return """
                {"name": "%s", "upstream": {"package_name": "%s"}, "sites": [%s],
                 "correlation_id": "corr-variants"%s}
                """.formatted(set, upstream, sites, extra);
    }

    RestTestClient.ResponseSpec apply(String sites, String extra) {
        return api.post("/api/v1/packages/variants", body(sites, extra));
    }

    int rows(String pkg) {
        return jdbc.queryForObject("select count(*) from package_revision where package_name = ?", Integer.class, pkg);
    }

    @Test
    void shouldPublishOneDownstreamPackagePerSiteWithTheSitesValuesInjectedAndRendered() {
        apply("""
                        {"site": "edge1"},
                        {"site": "edge2", "namespace": "ran", "config": {"plmn": "00101"}},
                        {"site": "edge3", "package_name": "%s-third"}
                        """.formatted(upstream), "")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.succeeded")
                .isEqualTo(3)
                .jsonPath("$.failed")
                .isEqualTo(0)
                .jsonPath("$.upstream_revision")
                .isEqualTo(1)
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("CREATED")
                .jsonPath("$.sites[0].revision.lifecycle")
                .isEqualTo("Published")
                .jsonPath("$.sites[0].revision.revision")
                .isEqualTo(1)
                .jsonPath("$.sites[0].revision.site")
                .isEqualTo("edge1")
                .jsonPath("$.sites[2].package_name")
                .isEqualTo(upstream + "-third");

        // what a GitOps agent on main now receives, per site
        Map<String, String> edge1 = api.onMain(upstream + "-edge1");
        assertThat(edge1.get("Kptfile")).contains("site: \"edge1\"").contains("ref: \"" + upstream + "/v1\"");
        assertThat(edge1.get("deployment.yaml"))
                .contains("aiops.dev/site: \"edge1\"")
                .contains("value: \"edge1\"") // the SITE env, carried by apply-replacements
                .doesNotContain("\"template\"");
        assertThat(edge1.get(SiteValues.PACKAGE_CONTEXT))
                .contains("name: \"kptfile.kpt.dev\"")
                .contains("name: \"" + upstream + "-edge1\"");
        Map<String, String> edge2 = api.onMain(upstream + "-edge2");
        assertThat(edge2.get("deployment.yaml")).contains("namespace: \"ran\"");
        assertThat(edge2.get("configmap.yaml")).contains("plmn: \"00101\"").contains("site: \"edge2\"");
        assertThat(api.onMain(upstream + "-third").get("Kptfile")).contains("site: \"edge3\"");
        // the upstream itself is unchanged
        assertThat(api.onMain(upstream).get("Kptfile")).contains("site: \"template\"");

        client.get()
                .uri("/api/v1/packages/variants/{name}", set)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.variants.length()")
                .isEqualTo(3)
                .jsonPath("$.variants[0].adoption_policy")
                .isEqualTo("adoptNone")
                .jsonPath("$.variants[0].revisions[0].lifecycle")
                .isEqualTo("Published");
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where event_type = 'PACKAGE_REVISION_CHANGED'"
                                + " and aggregate_id = ? and envelope like '%corr-variants%'",
                        Integer.class, "packages." + upstream + "-edge2.v1"))
                .isEqualTo(3); // created, proposed, published
    }

    @Test
    void shouldReportTheFailedSiteUndoneAndKeepTheOthersPublishedWhenOneSiteCannotBeProposed() {
        // a proposal branch a crash left behind for edge2's first workspace: its propose must fail
        String blocked = upstream + "-edge2";
        GitPackageStore git = api.git();
        ObjectId stale = git.writeDraft(
                blocked, "v1", new TreeMap<>(Map.of("Kptfile", "x")), null, new CommitInfo("stale", null, null));
        git.propose(blocked, "v1", stale);

        apply("{\"site\": \"edge1\"}, {\"site\": \"edge2\"}, {\"site\": \"edge3\"}", "")
                .expectStatus()
                .isEqualTo(207)
                .expectBody()
                .jsonPath("$.succeeded")
                .isEqualTo(2)
                .jsonPath("$.failed")
                .isEqualTo(1)
                .jsonPath("$.sites[1].site")
                .isEqualTo("edge2")
                .jsonPath("$.sites[1].outcome")
                .isEqualTo("FAILED")
                .jsonPath("$.sites[1].error.code")
                .isEqualTo("CONFLICT")
                .jsonPath("$.sites[2].outcome")
                .isEqualTo("CREATED")
                .jsonPath("$.sites[2].revision.lifecycle")
                .isEqualTo("Published");

        // the failed site is as before: no revision, no draft, not owned, nothing on main
        assertThat(rows(blocked)).isZero();
        assertThat(git.resolve(GitPackageStore.draftRef(blocked, "v1"))).isEmpty();
        assertThat(api.onMain(blocked)).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from package_variant where package_name = ?", Integer.class, blocked))
                .isZero();
        assertThat(api.onMain(upstream + "-edge1")).containsKey("deployment.yaml");
        assertThat(api.onMain(upstream + "-edge3")).containsKey("deployment.yaml");

        // once the stale branch is cleared, applying the set again completes edge2 and leaves the others
        git.deleteBranch(GitPackageStore.proposedRef(blocked, "v1"), stale);
        apply("{\"site\": \"edge1\"}, {\"site\": \"edge2\"}, {\"site\": \"edge3\"}", "")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("UNCHANGED")
                .jsonPath("$.sites[1].outcome")
                .isEqualTo("CREATED")
                .jsonPath("$.sites[2].outcome")
                .isEqualTo("UNCHANGED");
        assertThat(rows(upstream + "-edge1")).isEqualTo(1);
    }

    @Test
    void shouldLeaveAnUnownedPackageAloneWithAdoptNoneAndTakeItOverWithAdoptExisting() {
        String existing = upstream + "-edge4";
        api.publishUpf(existing, "v1", "edge4", ", \"image\": \"registry.local/upf:hand-made\"");

        apply("{\"site\": \"edge4\"}", "")
                .expectStatus()
                .isEqualTo(207)
                .expectBody()
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("FAILED")
                .jsonPath("$.sites[0].error.detail")
                .value(String.class, d -> assertThat(d).contains("adoptNone"));
        assertThat(rows(existing)).isEqualTo(1);
        assertThat(api.onMain(existing).get("deployment.yaml")).contains("hand-made");

        apply("{\"site\": \"edge4\"}", ", \"adoption_policy\": \"adoptExisting\"")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("CREATED")
                .jsonPath("$.sites[0].adopted")
                .isEqualTo(true)
                .jsonPath("$.sites[0].revision.revision")
                .isEqualTo(2);
        assertThat(api.onMain(existing).get("Kptfile")).contains("ref: \"" + upstream + "/v1\"");
        assertThat(api.onMain(existing).get("deployment.yaml")).doesNotContain("hand-made");
        assertThat(api.published(existing, 1).get("deployment.yaml")).contains("hand-made");
    }

    @Test
    void shouldUpgradeEverySiteByThreeWayMergeKeepingLocalEditsWhenTheUpstreamGetsANewRevision() {
        apply("{\"site\": \"edge1\"}, {\"site\": \"edge2\"}", ", \"publish\": false")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sites[0].revision.lifecycle")
                .isEqualTo("Draft");
        // a local edit on edge1 before it is published
        String edge1 = "packages." + upstream + "-edge1.v1";
        Map<String, String> files = new TreeMap<>(api.draft(upstream + "-edge1", "v1"));
        files.put("deployment.yaml", files.get("deployment.yaml").replace("replicas: 2", "replicas: 6"));
        api.replaceResources(edge1, files);

        apply("{\"site\": \"edge1\"}, {\"site\": \"edge2\"}", "")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("UNCHANGED")
                .jsonPath("$.sites[0].revision.lifecycle")
                .isEqualTo("Published");
        api.publishUpf(upstream, "v2", "template", ", \"image\": \"registry.local/upf:2\"");

        apply("{\"site\": \"edge1\"}, {\"site\": \"edge2\"}", "")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.upstream_revision")
                .isEqualTo(2)
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("UPGRADED")
                .jsonPath("$.sites[0].revision.revision")
                .isEqualTo(2)
                .jsonPath("$.sites[1].outcome")
                .isEqualTo("UPGRADED");
        Map<String, String> onMain = api.onMain(upstream + "-edge1");
        assertThat(onMain.get("deployment.yaml"))
                .contains("registry.local/upf:2")
                .contains("replicas: 6")
                .contains("aiops.dev/site: \"edge1\"");
        assertThat(onMain.get("Kptfile")).contains("ref: \"" + upstream + "/v2\"");
    }

    @Test
    void shouldDeleteOwnedPackagesFromMainWithDeletePolicyAndKeepThemWithOrphan() {
        apply("{\"site\": \"edge1\"}", "").expectStatus().isOk();
        client.delete()
                .uri("/api/v1/packages/variants/{name}", set)
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("DELETED");
        assertThat(api.onMain(upstream + "-edge1")).isEmpty();
        assertThat(api.git().resolve(GitPackageStore.tagRef(upstream + "-edge1", 1)))
                .isEmpty();
        assertThat(rows(upstream + "-edge1")).isZero();
        client.get()
                .uri("/api/v1/packages/variants/{name}", set)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();

        apply("{\"site\": \"edge2\"}", ", \"deletion_policy\": \"orphan\"")
                .expectStatus()
                .isOk();
        client.delete()
                .uri("/api/v1/packages/variants/{name}", set)
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("ORPHANED");
        assertThat(api.onMain(upstream + "-edge2")).containsKey("deployment.yaml");
        // orphaned means unowned: applying the set again with adoptNone leaves it alone
        apply("{\"site\": \"edge2\"}", "").expectStatus().isEqualTo(207);
    }

    @Test
    void shouldListVariantSetsWithTheirUpstreamAndNumberOfSites() {
        apply("{\"site\": \"edge1\"}, {\"site\": \"edge2\"}", "").expectStatus().isOk();

        client.get()
                .uri("/api/v1/packages/variants?upstream_package={upstream}", upstream)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].name")
                .isEqualTo(set)
                .jsonPath("$.items[0].upstream_package")
                .isEqualTo(upstream)
                .jsonPath("$.items[0].repository")
                .isEqualTo("packages")
                .jsonPath("$.items[0].sites")
                .isEqualTo(2);
        client.get()
                .uri("/api/v1/packages/variants?upstream_package=nothing-fanned-out")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        client.get()
                .uri("/api/v1/packages/variants?page_size=1")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.total")
                .value(Number.class, total -> assertThat(total.longValue()).isGreaterThanOrEqualTo(1));
    }

    @Test
    void shouldAnswer400NamingEveryBadFieldAndWriteNothing() {
        api.post("/api/v1/packages/variants", """
                        {"name": "Bad_Name", "upstream": {"package_name": "%s", "revision": 0},
                         "sites": [{"site": "edge1"}, {"site": "edge1"}, {"site": "EDGE"}],
                         "adoption_policy": "always", "deletion_policy": "never"}
                        """.formatted(upstream))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(
                        Object.class,
                        fields -> assertThat(fields.toString())
                                .contains(
                                        "name",
                                        "upstream.revision",
                                        "adoption_policy",
                                        "deletion_policy",
                                        "sites[1].site",
                                        "sites[2].site"));
        assertThat(rows(upstream + "-edge1")).isZero();

        api.post(
                        "/api/v1/packages/variants",
                        body("{\"site\": \"edge1\"}", "")
                                .replace(
                                        "\"package_name\": \"" + upstream + "\"", "\"package_name\": \"nothing-here\""))
                .expectStatus()
                .isNotFound();
    }
}
