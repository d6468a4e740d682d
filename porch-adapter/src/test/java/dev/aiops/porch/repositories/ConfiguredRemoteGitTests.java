package dev.aiops.porch.repositories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.git.CommitInfo;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.support.GitHttpServer;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A remote git repository set in {@code aiops.porch.repositories} is served like one registered through the API:
 * mirrored at start (through the URL guard, with the credentials its {@code secret-ref} names), indexed, every
 * change pushed to it. Against a real git server ({@code git http-backend}). Here the remote is the first
 * configured repository, so it is also the default one. A remote whose credentials the server refuses is listed
 * UNAVAILABLE (not served), as is an SSH remote configured without credentials (no key, no known_hosts).
 */
@PorchIntegrationTest
class ConfiguredRemoteGitTests {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String REMOTE = "cfg-remote-" + SUFFIX;
    static final String REFUSED = "cfg-refused-" + SUFFIX;
    static final String SSH = "cfg-ssh-" + SUFFIX;
    static final String LOCAL = "cfg-local-" + SUFFIX;

    static Path serverRoot;
    static GitHttpServer server;

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @DynamicPropertySource
    static void configuredRepositories(DynamicPropertyRegistry registry) throws IOException {
        serverRoot = Files.createTempDirectory("configured-remote-git");
        server = GitHttpServer.start(serverRoot, "porch", "s3cret-token");
        String url = server.createRepository(REMOTE);
        // published on the remote before the adapter starts: mirrored and indexed at start
        try (GitPackageStore elsewhere = GitPackageStore.openOrCreate(serverRoot.resolve(REMOTE + ".git"))) {
            CommitInfo info = new CommitInfo("seed", null, null);
            ObjectId draft =
                    elsewhere.writeDraft("seed", "v1", new TreeMap<>(Map.of("Kptfile", "kind: Kptfile\n")), null, info);
            elsewhere.propose("seed", "v1", draft);
            elsewhere.publish("seed", "v1", 1, draft, info);
        }
        String refused = server.createRepository(REFUSED);
        String p = "aiops.porch.repositories";
        registry.add(p + "[0].name", () -> REMOTE);
        registry.add(p + "[0].type", () -> "git");
        registry.add(p + "[0].deployment", () -> "true");
        registry.add(p + "[0].git.repo", () -> url);
        registry.add(p + "[0].git.secret-ref", () -> "test-git");
        registry.add(p + "[1].name", () -> REFUSED);
        registry.add(p + "[1].type", () -> "git");
        registry.add(p + "[1].git.repo", () -> refused);
        registry.add(p + "[1].git.secret-ref", () -> "wrong-git");
        registry.add(p + "[2].name", () -> SSH);
        registry.add(p + "[2].type", () -> "git");
        registry.add(p + "[2].git.repo", () -> "git@git.example.com:fleet/packages.git");
        registry.add(p + "[3].name", () -> LOCAL);
        registry.add(p + "[3].type", () -> "git");
        registry.add(p + "[3].git.repo", () -> "target/" + LOCAL + ".git");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Optional<ObjectId> onRemote(String ref) {
        try (GitPackageStore remote = GitPackageStore.openOrCreate(serverRoot.resolve(REMOTE + ".git"))) {
            return remote.resolve(ref);
        }
    }

    RestTestClient.ResponseSpec post(String uri, String body) {
        return client.post()
                .uri(uri)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    @Test
    void shouldServeAConfiguredRemoteLikeARegisteredOneAndReportWhatItCannotServe() {
        client.get()
                .uri("/api/v1/repositories")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.name == \'" + REMOTE + "\')].status")
                .isEqualTo("READY")
                .jsonPath("$.items[?(@.name == \'" + REMOTE + "\')].served")
                .isEqualTo(true)
                .jsonPath("$.items[?(@.name == \'" + REMOTE + "\')].source")
                .isEqualTo("CONFIG")
                .jsonPath("$.items[?(@.name == \'" + REFUSED + "\')].status")
                .isEqualTo("UNAVAILABLE")
                .jsonPath("$.items[?(@.name == \'" + REFUSED + "\')].served")
                .isEqualTo(false)
                .jsonPath("$.items[?(@.name == \'" + SSH + "\')].status")
                .isEqualTo("UNAVAILABLE")
                .jsonPath("$.items[?(@.name == \'" + LOCAL + "\')].status")
                .isEqualTo("READY");

        // what the remote held at start is indexed
        client.get()
                .uri("/api/v1/packages?repository={name}", REMOTE)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].name")
                .isEqualTo(REMOTE + ".seed.v1")
                .jsonPath("$.items[0].revision")
                .isEqualTo(1);

        // no repository named: the first configured one, the remote; every move is pushed to it
        String pkg = "upf-" + SUFFIX;
        post("/api/v1/packages", """
                        {"package_name": "%s", "workspace_name": "v1",
                         "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"}}
                        """.formatted(pkg))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.repository")
                .isEqualTo(REMOTE);
        assertThat(onRemote(GitPackageStore.draftRef(pkg, "v1"))).isPresent();
        String revision = REMOTE + "." + pkg + ".v1";
        post("/api/v1/packages/" + revision + "/propose", "{}").expectStatus().isOk();
        post("/api/v1/packages/" + revision + "/approve", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(1);
        assertThat(onRemote(GitPackageStore.tagRef(pkg, 1))).isPresent().isEqualTo(onRemote("refs/heads/main"));

        // not served: answered as no such repository, nothing written anywhere
        post("/api/v1/packages", """
                        {"package_name": "%s", "repository": "%s", "workspace_name": "v1",
                         "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"}}
                        """.formatted(pkg, REFUSED)).expectStatus().isNotFound();
        try (GitPackageStore refused = GitPackageStore.openOrCreate(serverRoot.resolve(REFUSED + ".git"))) {
            assertThat(refused.refs("refs/heads/drafts/")).isEmpty();
        }

        // configured, so not removable through the API
        client.delete()
                .uri("/api/v1/repositories/{name}", REMOTE)
                .headers(tokens.as("admin"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }
}
