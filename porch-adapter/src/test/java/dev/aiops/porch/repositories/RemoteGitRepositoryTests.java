package dev.aiops.porch.repositories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.git.CommitInfo;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.support.GitHttpServer;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Registered remote git repositories against a real git server ({@code git http-backend} behind basic
 * authentication): cloned at registration, every change pushed atomically, a concurrent update on the remote
 * answered 409 and never overwritten, refused credentials answered 400 with nothing kept. The credentials are the
 * test profile's {@code aiops.porch.remote-git.credentials.test-git} and {@code .wrong-git}.
 */
@PorchIntegrationTest
class RemoteGitRepositoryTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    PackageStores stores;

    @Autowired
    PorchProperties properties;

    @TempDir
    Path serverRoot;

    GitHttpServer server;
    String name;
    String url;
    String pkg;

    @BeforeEach
    void gitServer() {
        server = GitHttpServer.start(serverRoot, "porch", "s3cret-token");
        name = "remote-" + UUID.randomUUID().toString().substring(0, 8);
        url = server.createRepository(name);
        pkg = "upf-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The remote's own view of a ref, read from the server's bare repository. */
    Optional<ObjectId> onRemote(String ref) {
        try (GitPackageStore remote = GitPackageStore.openOrCreate(serverRoot.resolve(name + ".git"))) {
            return remote.resolve(ref);
        }
    }

    RestTestClient.ResponseSpec register(String secretRef) {
        String secret = secretRef == null ? "" : ", \"secret_ref\": \"%s\"".formatted(secretRef);
        return client.post()
                .uri("/api/v1/repositories")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"name": "%s", "type": "git", "git": {"repo": "%s"%s}}
                        """.formatted(name, url, secret))
                .exchange();
    }

    RestTestClient.ResponseSpec post(String uri, String body) {
        return client.post()
                .uri(uri)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    void createDraft() {
        post("/api/v1/packages", """
                        {"package_name": "%s", "repository": "%s", "workspace_name": "v1",
                         "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"}}
                        """.formatted(pkg, name)).expectStatus().isCreated();
    }

    @Test
    void shouldCloneTheRemoteAtRegistrationAndPushDraftsProposalsTagsAndMainToIt() {
        // published on the remote by someone else before the registration: fetched into the mirror
        try (GitPackageStore elsewhere = GitPackageStore.openOrCreate(serverRoot.resolve(name + ".git"))) {
            CommitInfo info = new CommitInfo("seed", null, null);
            ObjectId draft =
                    elsewhere.writeDraft("seed", "v1", new TreeMap<>(Map.of("Kptfile", "kind: Kptfile\n")), null, info);
            elsewhere.propose("seed", "v1", draft);
            elsewhere.publish("seed", "v1", 1, draft, info);
        }

        register("test-git")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.git.repo")
                .isEqualTo(url)
                .jsonPath("$.git.secret_ref")
                .isEqualTo("test-git")
                .jsonPath("$.served")
                .isEqualTo(true)
                .jsonPath("$.status")
                .isEqualTo("READY");
        GitPackageStore mirror = stores.store(name);
        assertThat(mirror.resolve(GitPackageStore.tagRef("seed", 1)))
                .isEqualTo(onRemote(GitPackageStore.tagRef("seed", 1)));
        assertThat(mirror.readPackage(mirror.resolve("refs/heads/main").orElseThrow(), "seed"))
                .containsKey("Kptfile");

        // and indexed: listed, and clonable like any published revision
        client.get()
                .uri("/api/v1/packages?repository={name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].name")
                .isEqualTo(name + ".seed.v1")
                .jsonPath("$.items[0].lifecycle")
                .isEqualTo("Published")
                .jsonPath("$.items[0].revision")
                .isEqualTo(1);

        createDraft();
        String revision = name + "." + pkg + ".v1";
        assertThat(onRemote(GitPackageStore.draftRef(pkg, "v1")))
                .isPresent()
                .isEqualTo(mirror.resolve(GitPackageStore.draftRef(pkg, "v1")));

        post("/api/v1/packages/" + revision + "/propose", "{}").expectStatus().isOk();
        assertThat(onRemote(GitPackageStore.draftRef(pkg, "v1"))).isEmpty();
        assertThat(onRemote(GitPackageStore.proposedRef(pkg, "v1"))).isPresent();

        post("/api/v1/packages/" + revision + "/approve", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(1);
        Optional<ObjectId> tag = onRemote(GitPackageStore.tagRef(pkg, 1));
        assertThat(tag).isPresent().isEqualTo(onRemote("refs/heads/main"));
        assertThat(onRemote(GitPackageStore.proposedRef(pkg, "v1"))).isEmpty();
        try (GitPackageStore remote = GitPackageStore.openOrCreate(serverRoot.resolve(name + ".git"))) {
            assertThat(remote.readPackage(tag.orElseThrow(), pkg)).containsKeys("Kptfile", "deployment.yaml");
            // what was there before is still on main: the push built on the fetched history
            assertThat(remote.readPackage(tag.orElseThrow(), "seed")).containsKey("Kptfile");
        }
    }

    @Test
    void shouldAnswer409WhenTheRemoteBranchMovedAndLeaveTheOtherWritersCommit() {
        register("test-git").expectStatus().isCreated();
        createDraft();
        ObjectId theirs;
        try (GitPackageStore elsewhere = GitPackageStore.openOrCreate(serverRoot.resolve(name + ".git"))) {
            ObjectId ours =
                    elsewhere.resolve(GitPackageStore.draftRef(pkg, "v1")).orElseThrow();
            theirs = elsewhere.writeDraft(
                    pkg,
                    "v1",
                    new TreeMap<>(Map.of("Kptfile", "kind: Kptfile\n")),
                    ours,
                    new CommitInfo("concurrent edit", null, null));
        }

        client.put()
                .uri("/api/v1/packages/{name}/resources", name + "." + pkg + ".v1")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "resources",
                        Map.of("Kptfile", "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: " + pkg + "\n")))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT");

        assertThat(onRemote(GitPackageStore.draftRef(pkg, "v1"))).contains(theirs);
        // the mirror was fetched again after the rejection: it now shows the winner
        assertThat(stores.store(name).resolve(GitPackageStore.draftRef(pkg, "v1")))
                .contains(theirs);
    }

    @Test
    void shouldRefuseCredentialsTheRemoteRejectsNamingTheSecretRefAndKeepNothing() {
        register("wrong-git")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CREDENTIALS_INVALID")
                .jsonPath("$.errors[0].field")
                .isEqualTo("git.secret_ref")
                .jsonPath("$.detail")
                .value(detail -> assertThat(String.valueOf(detail)).doesNotContain("s3cret"));
        register(null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CREDENTIALS_INVALID");
        register("no-such-secret")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("git.secret_ref");

        client.get()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(stores.serves(name)).isFalse();
        assertThat(Files.exists(properties.registeredDirectory().resolve(name + ".git")))
                .isFalse();
    }

    @Test
    void shouldReportTheRemoteUnavailableWhileItsServerIsDown() {
        register("test-git").expectStatus().isCreated();
        server.close();

        client.get()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UNAVAILABLE");
    }
}
