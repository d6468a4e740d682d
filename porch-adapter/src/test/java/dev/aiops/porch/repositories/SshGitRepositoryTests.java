package dev.aiops.porch.repositories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.support.GitSshServer;
import dev.aiops.porch.support.PorchIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
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
 * Remote git repositories over SSH, configured and registered, against a real git-over-SSH server (Apache MINA
 * sshd running JGit's upload-pack / receive-pack, public-key authentication only). The private key and the
 * known_hosts lines are credentials of {@code aiops.porch.remote-git.credentials}: {@code ssh-good} (the key the
 * server accepts, its real host key), {@code ssh-wrong-host} (known_hosts with another host key) and
 * {@code ssh-wrong-key} (a key the server refuses).
 */
@PorchIntegrationTest
class SshGitRepositoryTests {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String CONFIGURED = "cfg-ssh-" + SUFFIX;

    static Path serverRoot;
    static GitSshServer server;

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @DynamicPropertySource
    static void sshRemotes(DynamicPropertyRegistry registry) throws IOException {
        serverRoot = Files.createTempDirectory("ssh-remote-git");
        KeyPair clientKey = GitSshServer.newKeyPair();
        server = GitSshServer.start(serverRoot, clientKey);
        createBare(CONFIGURED);
        String c = "aiops.porch.remote-git.credentials.";
        String key = GitSshServer.openSshPrivateKey(clientKey);
        String knownHosts = server.knownHostsLine("127.0.0.1");
        registry.add(c + "ssh-good.private-key", () -> key);
        registry.add(c + "ssh-good.known-hosts", () -> knownHosts);
        registry.add(c + "ssh-wrong-host.private-key", () -> key);
        registry.add(
                c + "ssh-wrong-host.known-hosts", () -> server.knownHostsLine("127.0.0.1", GitSshServer.newKeyPair()));
        registry.add(c + "ssh-wrong-key.private-key", () -> GitSshServer.openSshPrivateKey(GitSshServer.newKeyPair()));
        registry.add(c + "ssh-wrong-key.known-hosts", () -> knownHosts);
        String p = "aiops.porch.repositories";
        registry.add(p + "[0].name", () -> CONFIGURED);
        registry.add(p + "[0].type", () -> "git");
        registry.add(p + "[0].deployment", () -> "true");
        registry.add(p + "[0].git.repo", () -> url(CONFIGURED));
        registry.add(p + "[0].git.secret-ref", () -> "ssh-good");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String url(String repository) {
        return "ssh://git@127.0.0.1:" + server.port() + "/" + repository + ".git";
    }

    /** An empty bare repository on the server, its main holding the store's initial commit. */
    static void createBare(String repository) {
        try (GitPackageStore created = GitPackageStore.openOrCreate(serverRoot.resolve(repository + ".git"))) {
            created.refs("refs/");
        }
    }

    static Map<String, ObjectId> onRemote(String repository) {
        try (GitPackageStore remote = GitPackageStore.openOrCreate(serverRoot.resolve(repository + ".git"))) {
            return remote.refs("refs/");
        }
    }

    RestTestClient.ResponseSpec post(String uri, String body) {
        return client.post()
                .uri(uri)
                .headers(tokens.as(uri.startsWith("/api/v1/repositories") ? "admin" : "operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    RestTestClient.ResponseSpec register(String name, String url, String secretRef) {
        return post("/api/v1/repositories", """
                {"name": "%s", "type": "git", "git": {"repo": "%s", "secret_ref": "%s"}}
                """.formatted(name, url, secretRef));
    }

    @Test
    void shouldServeAConfiguredSshRemoteAndPublishToItsMainOverSsh() {
        client.get()
                .uri("/api/v1/repositories/{name}", CONFIGURED)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("READY")
                .jsonPath("$.served")
                .isEqualTo(true);

        String pkg = "upf-" + SUFFIX;
        post("/api/v1/packages", """
                        {"package_name": "%s", "repository": "%s", "workspace_name": "v1",
                         "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"}}
                        """.formatted(pkg, CONFIGURED)).expectStatus().isCreated();
        assertThat(onRemote(CONFIGURED)).containsKey(GitPackageStore.draftRef(pkg, "v1"));
        String revision = CONFIGURED + "." + pkg + ".v1";
        post("/api/v1/packages/" + revision + "/propose", "{}").expectStatus().isOk();
        post("/api/v1/packages/" + revision + "/approve", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(1);
        Map<String, ObjectId> remote = onRemote(CONFIGURED);
        assertThat(Optional.ofNullable(remote.get(GitPackageStore.tagRef(pkg, 1))))
                .isPresent()
                .isEqualTo(Optional.ofNullable(remote.get("refs/heads/main")));
    }

    @Test
    void shouldRegisterAnSshRemoteWithTheRightKeyAndKnownHostsAndPushDraftsToIt() {
        String name = "ssh-" + UUID.randomUUID().toString().substring(0, 8);
        createBare(name);
        register(name, url(name), "ssh-good")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("READY")
                .jsonPath("$.git.secret_ref")
                .isEqualTo("ssh-good");
        String pkg = "smf-" + SUFFIX;
        post("/api/v1/packages", """
                        {"package_name": "%s", "repository": "%s", "workspace_name": "v1",
                         "cnf": {"function": "SMF", "site": "edge2", "replicas": 1, "namespace": "core"}}
                        """.formatted(pkg, name)).expectStatus().isCreated();
        assertThat(onRemote(name)).containsKey(GitPackageStore.draftRef(pkg, "v1"));
    }

    @Test
    void shouldRefuseARegistrationWhoseKnownHostsDoesNotHoldTheServersHostKeyAndKeepNothing() {
        String name = "ssh-" + UUID.randomUUID().toString().substring(0, 8);
        createBare(name);
        Map<String, ObjectId> before = onRemote(name);
        register(name, url(name), "ssh-wrong-host")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CREDENTIALS_INVALID")
                .jsonPath("$.errors[0].field")
                .isEqualTo("git.secret_ref")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat(String.valueOf(m)).contains("host key verification failed"));
        assertThat(onRemote(name)).isEqualTo(before);
        client.get()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldRefuseARegistrationWhoseKeyTheServerRefusesAndKeepNothing() {
        String name = "ssh-" + UUID.randomUUID().toString().substring(0, 8);
        createBare(name);
        Map<String, ObjectId> before = onRemote(name);
        register(name, url(name), "ssh-wrong-key")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CREDENTIALS_INVALID")
                .jsonPath("$.errors[0].field")
                .isEqualTo("git.secret_ref");
        assertThat(onRemote(name)).isEqualTo(before);
        client.get()
                .uri("/api/v1/repositories/{name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldRefuseAnSshRemoteAtADeniedAddressWithoutConnecting() {
        int sessions = server.sessions();
        register("ssh-" + SUFFIX, "git@169.254.169.254:fleet/packages.git", "ssh-good")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("git.repo");
        assertThat(server.sessions()).isEqualTo(sessions);
    }
}
