package dev.aiops.porch.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.repositories.PackageStores;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@PorchIntegrationTest
class PackageLifecycleTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PackageStores stores;

    String pkg;
    String name;

    @BeforeEach
    void uniquePackage() {
        pkg = "upf-" + UUID.randomUUID().toString().substring(0, 8);
        name = "packages." + pkg + ".v1";
    }

    GitPackageStore git() {
        return stores.store("packages");
    }

    String createBody(String packageName, String extra) {
        return """
                {"package_name": "%s", "intent_id": "intent-42", "correlation_id": "corr-42",
                 "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"%s}}
                """.formatted(packageName, extra);
    }

    RestTestClient.ResponseSpec post(String uri, String body) {
        return client.post()
                .uri(uri)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    RestTestClient.ResponseSpec action(String action) {
        return client.post()
                .uri("/api/v1/packages/{name}/" + action, name)
                .headers(tokens.as("operator"))
                .header("X-Correlation-Id", "corr-" + action)
                .exchange();
    }

    void createDraft() {
        post("/api/v1/packages", createBody(pkg, "")).expectStatus().isCreated();
    }

    @Test
    void shouldCreateDraftOnDraftBranchWithGeneratedRenderedFilesWhenSpecIsValid() {
        post("/api/v1/packages", createBody(pkg, ""))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(name)
                .jsonPath("$.lifecycle")
                .isEqualTo("Draft")
                .jsonPath("$.revision")
                .isEqualTo(0)
                .jsonPath("$.site")
                .isEqualTo("edge1");

        ObjectId draft = git().resolve(GitPackageStore.draftRef(pkg, "v1")).orElseThrow();
        Map<String, String> files = git().readPackage(draft, pkg);
        assertThat(files)
                .containsKeys("Kptfile", "deployment.yaml", "service.yaml", "configmap.yaml", "function-config.yaml");
        assertThat(files.get("deployment.yaml")).contains("namespace: \"core\"").contains("aiops.dev/site: \"edge1\"");
        assertThat(git().fullMessage(draft)).contains("Intent-Id: intent-42").contains("Correlation-Id: corr-42");
        // nothing reaches main before approval
        assertThat(git().readPackage(git().resolve("refs/heads/main").orElseThrow(), pkg))
                .isEmpty();
    }

    @Test
    void shouldPublishToMainWithTagAndIncrementRevisionWhenProposedAndApproved() {
        createDraft();
        action("propose")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Proposed");
        assertThat(git().resolve(GitPackageStore.draftRef(pkg, "v1"))).isEmpty();
        assertThat(git().resolve(GitPackageStore.proposedRef(pkg, "v1"))).isPresent();

        action("approve")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Published")
                .jsonPath("$.revision")
                .isEqualTo(1);

        ObjectId main = git().resolve("refs/heads/main").orElseThrow();
        assertThat(git().resolve(GitPackageStore.tagRef(pkg, 1))).contains(main);
        assertThat(git().resolve(GitPackageStore.proposedRef(pkg, "v1"))).isEmpty();
        assertThat(git().readPackage(main, pkg)).containsKey("deployment.yaml");
        assertThat(git().fullMessage(main)).contains("Porch-Revision: 1").contains("Correlation-Id: corr-approve");

        // a second revision of the same package gets v2
        post("/api/v1/packages", createBody(pkg, ", \"image\": \"registry.local/upf:2\""))
                .expectStatus()
                .isCreated();
        name = "packages." + pkg + ".v2";
        action("propose").expectStatus().isOk();
        action("approve")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(2);
        assertThat(git().readPackage(git().resolve("refs/heads/main").orElseThrow(), pkg)
                        .get("deployment.yaml"))
                .contains("registry.local/upf:2");
    }

    @Test
    void shouldRecordOneEventPerTransitionInTheOutboxWithCorrelationId() {
        createDraft();
        action("propose").expectStatus().isOk();
        action("reject")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Draft");

        var envelopes = jdbc.queryForList(
                "select envelope from outbox_event where event_type = 'PACKAGE_REVISION_CHANGED' and aggregate_id = ?"
                        + " order by id",
                String.class,
                name);
        assertThat(envelopes).hasSize(3);
        assertThat(envelopes.get(0)).contains("\"new_lifecycle\":\"Draft\"").contains("\"correlation_id\":\"corr-42\"");
        assertThat(envelopes.get(1)).contains("\"old_lifecycle\":\"Draft\"").contains("\"new_lifecycle\":\"Proposed\"");
        assertThat(envelopes.get(2)).contains("\"new_lifecycle\":\"Draft\"").contains("corr-reject");
    }

    @Nested
    class IllegalTransitions {

        @Test
        void shouldAnswer409WithCurrentLifecycleWhenApprovingDraft() {
            createDraft();
            action("approve")
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("ILLEGAL_STATE_TRANSITION")
                    .jsonPath("$.current_lifecycle")
                    .isEqualTo("Draft");
            assertThat(git().resolve(GitPackageStore.tagRef(pkg, 1))).isEmpty();
        }

        @Test
        void shouldAnswer409WhenEditingPublishedRevision() {
            createDraft();
            action("propose").expectStatus().isOk();
            action("approve").expectStatus().isOk();
            client.put()
                    .uri("/api/v1/packages/{name}/resources", name)
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "resources",
                            Map.of("Kptfile", "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: x\n")))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.current_lifecycle")
                    .isEqualTo("Published");
        }

        @Test
        void shouldRefuseDeletingPublishedRevisionUntilDeletionIsProposed() {
            createDraft();
            action("propose").expectStatus().isOk();
            action("approve").expectStatus().isOk();
            client.delete()
                    .uri("/api/v1/packages/{name}", name)
                    .headers(tokens.as("operator"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409);

            action("propose-delete")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.lifecycle")
                    .isEqualTo("DeletionProposed");
            assertThat(git().resolve(GitPackageStore.deletionProposedRef(pkg, 1)))
                    .isPresent();
            client.delete()
                    .uri("/api/v1/packages/{name}", name)
                    .headers(tokens.as("operator"))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            // a GitOps agent on main no longer sees it
            assertThat(git().readPackage(git().resolve("refs/heads/main").orElseThrow(), pkg))
                    .isEmpty();
            assertThat(git().resolve(GitPackageStore.tagRef(pkg, 1))).isEmpty();
            client.get()
                    .uri("/api/v1/packages/{name}", name)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }

    @Nested
    class Resources {

        @Test
        void shouldReadFilesWithRenderStatusReportingTheValidatorAsNotRun() {
            createDraft();
            client.get()
                    .uri("/api/v1/packages/{name}/resources", name)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("ETag", "\"0\"")
                    .expectBody()
                    .jsonPath("$.resources['deployment.yaml']")
                    .value(String.class, y -> assertThat(y).contains("kind: \"Deployment\""))
                    .jsonPath("$.render_status.complete")
                    .isEqualTo(false)
                    .jsonPath("$.render_status.items[3].function")
                    .isEqualTo("gcr.io/kpt-fn/kubeconform:v0.1.1")
                    .jsonPath("$.render_status.items[3].outcome")
                    .isEqualTo("NOT_RUN")
                    .jsonPath("$.render_status.items[0].outcome")
                    .isEqualTo("APPLIED");
        }

        @Test
        void shouldRenderEditAndRejectStaleVersionsWith412And409() {
            createDraft();
            Map<String, String> files = git().readPackage(
                            git().resolve(GitPackageStore.draftRef(pkg, "v1")).orElseThrow(), pkg);
            java.util.Map<String, String> edited = new java.util.TreeMap<>(files);
            edited.put("configmap.yaml", files.get("configmap.yaml").replace("site: \"edge1\"", "site: \"edge2\""));

            client.put()
                    .uri("/api/v1/packages/{name}/resources", name)
                    .headers(tokens.as("operator"))
                    .header("If-Match", "\"0\"")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("resources", edited))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("ETag", "\"1\"");
            // apply-replacements carried the ConfigMap's site into the container's SITE env on render
            String deployment = git().readPackage(
                            git().resolve(GitPackageStore.draftRef(pkg, "v1")).orElseThrow(), pkg)
                    .get("deployment.yaml");
            assertThat(deployment).contains("value: \"edge2\"");

            client.put()
                    .uri("/api/v1/packages/{name}/resources", name)
                    .headers(tokens.as("operator"))
                    .header("If-Match", "\"0\"")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("resources", files))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(412);
            client.put()
                    .uri("/api/v1/packages/{name}/resources", name)
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("resources", files, "resource_version", 0))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.current_version")
                    .isEqualTo(1);
        }

        @Test
        void shouldRecordDraftToDraftEventWithNewSiteWhenResourcesAreEditedButNoneForRejectedEdit() {
            createDraft();
            Map<String, String> files = git().readPackage(
                            git().resolve(GitPackageStore.draftRef(pkg, "v1")).orElseThrow(), pkg);
            java.util.Map<String, String> edited = new java.util.TreeMap<>(files);
            edited.put("Kptfile", files.get("Kptfile").replace("site: \"edge1\"", "site: \"edge9\""));
            client.put()
                    .uri("/api/v1/packages/{name}/resources", name)
                    .headers(tokens.as("operator"))
                    .header("X-Correlation-Id", "corr-edit")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("resources", edited))
                    .exchange()
                    .expectStatus()
                    .isOk();
            // a stale edit (412) changes nothing and reports nothing
            client.put()
                    .uri("/api/v1/packages/{name}/resources", name)
                    .headers(tokens.as("operator"))
                    .header("If-Match", "\"0\"")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("resources", files))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(412);

            var envelopes = jdbc.queryForList(
                    "select envelope from outbox_event where event_type = 'PACKAGE_REVISION_CHANGED'"
                            + " and aggregate_id = ? order by id",
                    String.class,
                    name);
            assertThat(envelopes).hasSize(2);
            assertThat(envelopes.get(1))
                    .contains("\"old_lifecycle\":\"Draft\"")
                    .contains("\"new_lifecycle\":\"Draft\"")
                    .contains("\"site\":\"edge9\"")
                    .contains("\"correlation_id\":\"corr-edit\"");
            assertThat(git().fullMessage(git().resolve(GitPackageStore.draftRef(pkg, "v1"))
                            .orElseThrow()))
                    .contains("Correlation-Id: corr-edit");
        }

        @Test
        void shouldRejectEditWithUnparsableManifestNamingTheFileAndKeepTheDraft() {
            createDraft();
            ObjectId before = git().resolve(GitPackageStore.draftRef(pkg, "v1")).orElseThrow();
            Map<String, String> files = new java.util.TreeMap<>(git().readPackage(before, pkg));
            files.put("service.yaml", "kind: [unclosed");
            client.put()
                    .uri("/api/v1/packages/{name}/resources", name)
                    .headers(tokens.as("operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("resources", files))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("resources.service.yaml");
            assertThat(git().resolve(GitPackageStore.draftRef(pkg, "v1"))).contains(before);
        }
    }

    @Nested
    class BadInput {

        @Test
        void shouldAnswer400NamingEveryBadFieldAndWriteNothingToGit() {
            post("/api/v1/packages", """
                    {"package_name": "%s", "cnf": {"function": "XYZ", "site": "Edge_1", "replicas": 1000,
                     "resources": {"memory": "lots"}}}
                    """.formatted(pkg))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[*].field")
                    .value(fields -> assertThat(fields.toString())
                            .contains("cnf.function", "cnf.site", "cnf.replicas", "cnf.resources.memory"));
            assertThat(git().refs("refs/heads/drafts/" + pkg + "/")).isEmpty();
            assertThat(jdbc.queryForObject(
                            "select count(*) from package_revision where package_name = ?", Integer.class, pkg))
                    .isZero();
        }

        @Test
        void shouldAnswer400WhenPackageNameIsNotDns1123() {
            post("/api/v1/packages", createBody("UPF_Edge", ""))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("package_name");
        }

        @Test
        void shouldAnswer409WhenTheRevisionAlreadyExists() {
            createDraft();
            post(
                            "/api/v1/packages",
                            createBody(pkg, "")
                                    .replace("\"package_name\"", "\"workspace_name\": \"v1\", \"package_name\""))
                    .expectStatus()
                    .isEqualTo(409);
        }

        @Test
        void shouldAnswer403WhenViewerTriesToCreate() {
            client.post()
                    .uri("/api/v1/packages")
                    .headers(tokens.as("viewer"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(createBody(pkg, ""))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
    }

    @Test
    void shouldCloneAPublishedRevisionWithKptfileUpstreamPointingAtItsTag() {
        createDraft();
        action("propose").expectStatus().isOk();
        action("approve").expectStatus().isOk();
        String downstream = pkg + "-edge7";

        post("/api/v1/packages", """
                {"package_name": "%s", "clone_from": {"package_name": "%s", "revision": 1}}
                """.formatted(downstream, pkg))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Draft")
                .jsonPath("$.site")
                .isEqualTo("edge1");

        Map<String, String> files = git().readPackage(
                        git().resolve(GitPackageStore.draftRef(downstream, "v1"))
                                .orElseThrow(),
                        downstream);
        assertThat(files.get("Kptfile"))
                .contains("name: \"" + downstream + "\"")
                .contains("ref: \"" + pkg + "/v1\"")
                .contains("upstreamLock")
                .contains("commit: \""
                        + git().resolve(GitPackageStore.tagRef(pkg, 1))
                                .orElseThrow()
                                .name() + "\"");

        post("/api/v1/packages", """
                {"package_name": "%s-x", "clone_from": {"package_name": "%s", "revision": 9}}
                """.formatted(pkg, pkg)).expectStatus().isNotFound();
    }
}
