package dev.aiops.porch.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
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
class UpgradeTests {

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
    String downstream;

    @BeforeEach
    void upstreamWithALocallyEditedClone() {
        api = new PackagesClient(client, tokens, stores);
        upstream = "upf-" + UUID.randomUUID().toString().substring(0, 8);
        downstream = upstream + "-edge5";
        api.publishUpf(upstream, "v1", "edge1", "");
        api.post("/api/v1/packages", """
                        {"package_name": "%s", "clone_from": {"package_name": "%s", "revision": 1}}
                        """.formatted(downstream, upstream))
                .expectStatus()
                .isCreated();
    }

    /** The downstream's Draft with a local edit applied to one file, then published as its revision 1. */
    void editAndPublishDownstream(String file, String from, String to) {
        Map<String, String> files = new TreeMap<>(api.draft(downstream, "v1"));
        assertThat(files.get(file)).contains(from);
        files.put(file, files.get(file).replace(from, to));
        api.replaceResources(name(downstream, "v1"), files);
        api.publish(name(downstream, "v1"));
    }

    static String name(String pkg, String workspace) {
        return "packages." + pkg + "." + workspace;
    }

    @Test
    void shouldMergeNewUpstreamImageIntoNewDraftKeepingLocalReplicasAndConfigWhenTheyDoNotOverlap() {
        editAndPublishDownstream("deployment.yaml", "replicas: 2", "replicas: 5");
        // a second local edit on another resource: a ConfigMap key the upstream never had
        api.publishUpf(upstream, "v2", "edge1", ", \"image\": \"registry.local/upf:2\"");

        api.action(name(downstream, "v1"), "upgrade")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(name(downstream, "v2"))
                .jsonPath("$.lifecycle")
                .isEqualTo("Draft");

        Map<String, String> merged = api.draft(downstream, "v2");
        assertThat(merged.get("deployment.yaml"))
                .contains("image: \"registry.local/upf:2\"")
                .contains("replicas: 5");
        ObjectId v2 = api.git().resolve(GitPackageStore.tagRef(upstream, 2)).orElseThrow();
        assertThat(merged.get("Kptfile"))
                .contains("name: \"" + downstream + "\"")
                .contains("ref: \"" + upstream + "/v2\"")
                .contains("commit: \"" + v2.name() + "\"")
                .doesNotContain(upstream + "/v1");
        assertThat(jdbc.queryForObject(
                        "select upstream_revision from package_revision where id = ?",
                        Integer.class,
                        name(downstream, "v2")))
                .isEqualTo(2);
        // the published revision the site runs is untouched until the upgrade is approved
        assertThat(api.published(downstream, 1).get("deployment.yaml")).doesNotContain("registry.local/upf:2");
        api.publish(name(downstream, "v2"));
        assertThat(api.onMain(downstream).get("deployment.yaml"))
                .contains("registry.local/upf:2")
                .contains("replicas: 5");
    }

    @Test
    void shouldAnswer409ListingTheConflictingFieldAndWriteNothingWhenBothSidesChangedTheImage() {
        editAndPublishDownstream("deployment.yaml", "replicas: 2", "replicas: 3");
        Map<String, String> local = new TreeMap<>(api.published(downstream, 1));
        // a local image pin in a second revision of the downstream
        api.post("/api/v1/packages", """
                        {"package_name": "%s", "clone_from": {"package_name": "%s", "revision": 1},
                         "workspace_name": "pin"}
                        """.formatted(downstream, upstream))
                .expectStatus()
                .isCreated();
        Map<String, String> pinned = new TreeMap<>(api.draft(downstream, "pin"));
        String image = pinned.get("deployment.yaml")
                .lines()
                .filter(l -> l.contains("image:"))
                .findFirst()
                .orElseThrow()
                .trim();
        pinned.put(
                "deployment.yaml",
                pinned.get("deployment.yaml").replace(image, "image: \"registry.local/upf:pinned\""));
        api.replaceResources(name(downstream, "pin"), pinned);
        api.publishUpf(upstream, "v2", "edge1", ", \"image\": \"registry.local/upf:2\"");
        String refsBefore = api.git().refs("refs/").toString();

        api.action(name(downstream, "pin"), "upgrade")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT")
                .jsonPath("$.conflicts.length()")
                .isEqualTo(1)
                .jsonPath("$.conflicts[0].file")
                .isEqualTo("deployment.yaml")
                .jsonPath("$.conflicts[0].path")
                .value(
                        String.class,
                        p -> assertThat(p)
                                .startsWith("Deployment/" + upstream + ":spec.template.spec.containers[name=")
                                .endsWith("].image"))
                .jsonPath("$.conflicts[0].ours")
                .isEqualTo("registry.local/upf:pinned")
                .jsonPath("$.conflicts[0].theirs")
                .isEqualTo("registry.local/upf:2");

        assertThat(api.git().refs("refs/").toString()).isEqualTo(refsBefore);
        assertThat(jdbc.queryForObject(
                        "select count(*) from package_revision where package_name = ?", Integer.class, downstream))
                .isEqualTo(2);
        assertThat(local).isEqualTo(api.published(downstream, 1));
    }

    @Test
    void shouldAnswer409WhenAlreadyAtTheNewestUpstreamRevisionOrNotAClone() {
        api.action(name(downstream, "v1"), "upgrade")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.upstream_revision")
                .isEqualTo(1);
        api.action(name(upstream, "v1"), "upgrade").expectStatus().isEqualTo(409);
        api.action("packages.no-such-package.v1", "upgrade").expectStatus().isNotFound();
    }

    @Test
    void shouldAnswer400NamingTheRevisionWhenItIsNotPositive() {
        api.post("/api/v1/packages/" + name(downstream, "v1") + "/upgrade", "{\"revision\": 0}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("revision");
    }
}
