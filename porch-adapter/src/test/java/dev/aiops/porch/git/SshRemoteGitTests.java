package dev.aiops.porch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.porch.support.GitSshServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote git repository over SSH, against a real git-over-SSH server (Apache MINA sshd running JGit's
 * upload-pack / receive-pack, public-key authentication only). The remote is named {@code git.ssh.example}, which
 * only the URL guard's resolver knows: the connection goes to the address the guard checked, and the host key is
 * verified under that name against the known_hosts lines of the configuration.
 */
class SshRemoteGitTests {

    static final String HOST = "git.ssh.example";

    @TempDir
    Path serverRoot;

    @TempDir
    Path mirrors;

    KeyPairs keys;
    GitSshServer server;

    record KeyPairs(java.security.KeyPair client, java.security.KeyPair other) {}

    @BeforeEach
    void start() throws Exception {
        keys = new KeyPairs(GitSshServer.newKeyPair(), GitSshServer.newKeyPair());
        server = GitSshServer.start(serverRoot, keys.client());
        try (GitPackageStore created = GitPackageStore.openOrCreate(serverRoot.resolve("packages.git"))) {
            assertThat(created.refs("refs/")).isNotNull();
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The guard's resolver: {@code answer} for every name, lookups counted. */
    static final class FixedResolver implements OutboundUrlGuard.Resolver {
        final AtomicInteger lookups = new AtomicInteger();
        final String answer;

        FixedResolver(String answer) {
            this.answer = answer;
        }

        @Override
        public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName(answer)};
        }
    }

    OutboundUrlGuard guard(String answer) {
        return new OutboundUrlGuard(
                RemoteGitPinningTests.guardProperties(Duration.ofMinutes(5)), new FixedResolver(answer));
    }

    RemoteGit remote(String url, java.security.KeyPair clientKey, String knownHosts, OutboundUrlGuard guard) {
        return RemoteGit.overSsh(
                url,
                GitSshServer.openSshPrivateKey(clientKey),
                knownHosts,
                Duration.ofSeconds(20),
                guard::resolveChecked);
    }

    String url() {
        return "ssh://git@" + HOST + ":" + server.port() + "/packages.git";
    }

    Map<String, ObjectId> serverRefs() throws IOException {
        try (GitPackageStore remoteSide = GitPackageStore.openOrCreate(serverRoot.resolve("packages.git"))) {
            return remoteSide.refs("refs/");
        }
    }

    @Test
    void shouldMirrorAndPublishOverSshToTheCheckedAddressWithTheHostKeyVerifiedUnderTheRemotesName()
            throws IOException {
        try (OutboundUrlGuard guard = guard("127.0.0.1");
                GitPackageStore store = GitPackageStore.openMirror(
                        mirrors.resolve("m.git"), remote(url(), keys.client(), server.knownHostsLine(HOST), guard))) {
            CommitInfo info = new CommitInfo("Create upf-edge1 (v1)", null, "corr-ssh");
            ObjectId draft = store.writeDraft(
                    "upf-edge1", "v1", new TreeMap<>(Map.of("Kptfile", "kind: Kptfile\n")), null, info);
            store.propose("upf-edge1", "v1", draft);
            store.publish("upf-edge1", "v1", 1, draft, info);

            Map<String, ObjectId> remote = serverRefs();
            assertThat(remote).containsKey(GitPackageStore.tagRef("upf-edge1", 1));
            assertThat(remote).containsKey("refs/heads/main");
            try (GitPackageStore remoteSide = GitPackageStore.openOrCreate(serverRoot.resolve("packages.git"))) {
                assertThat(remoteSide.readPackage(remote.get("refs/heads/main"), "upf-edge1"))
                        .containsEntry("Kptfile", "kind: Kptfile\n");
            }
            assertThat(server.sessions()).isPositive();
        }
    }

    @Test
    void shouldRefuseAServerWhoseHostKeyIsNotTheKnownOneAndPushNothing() throws IOException {
        // known_hosts gives another key for the name: a changed (or spoofed) server
        String wrong = server.knownHostsLine(HOST, GitSshServer.newKeyPair());
        Map<String, ObjectId> before = serverRefs();
        try (OutboundUrlGuard guard = guard("127.0.0.1")) {
            RemoteGit remote = remote(url(), keys.client(), wrong, guard);
            assertThatThrownBy(() -> GitPackageStore.openMirror(mirrors.resolve("m.git"), remote))
                    .isInstanceOfSatisfying(RemoteGitException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RemoteGitException.Reason.HOST_KEY);
                        assertThat(e.getMessage()).contains("host key verification failed");
                    });
        }
        assertThat(server.sessions())
                .as("the server was reached, its key refused")
                .isPositive();
        assertThat(serverRefs()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAKnownHostsEntryForAnotherNameEvenWithTheRightKey() {
        // the right key, but listed for the address, not for the name in the URL: not trusted for the name
        String forTheAddress = server.knownHostsLine("127.0.0.1");
        try (OutboundUrlGuard guard = guard("127.0.0.1")) {
            assertThatThrownBy(() -> remote(url(), keys.client(), forTheAddress, guard))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("known-hosts has no key for " + HOST);
        }
    }

    @Test
    void shouldReportAClientKeyTheServerRefusesAsCredentialsAndPushNothing() throws IOException {
        Map<String, ObjectId> before = serverRefs();
        try (OutboundUrlGuard guard = guard("127.0.0.1")) {
            RemoteGit remote = remote(url(), keys.other(), server.knownHostsLine(HOST), guard);
            assertThatThrownBy(() -> GitPackageStore.openMirror(mirrors.resolve("m.git"), remote))
                    .isInstanceOfSatisfying(
                            RemoteGitException.class,
                            e -> assertThat(e.reason()).isEqualTo(RemoteGitException.Reason.CREDENTIALS));
        }
        assertThat(serverRefs()).isEqualTo(before);
    }

    @Test
    void shouldBlockAHostResolvingToADeniedAddressWithoutConnecting() {
        try (OutboundUrlGuard guard = guard("169.254.169.254")) {
            RemoteGit remote = remote(url(), keys.client(), server.knownHostsLine(HOST), guard);
            assertThatThrownBy(() -> GitPackageStore.openMirror(mirrors.resolve("m.git"), remote))
                    .isInstanceOfSatisfying(
                            RemoteGitException.class,
                            e -> assertThat(e.reason()).isEqualTo(RemoteGitException.Reason.BLOCKED));
        }
        assertThat(server.sessions()).as("no connection reached the server").isZero();
    }

    @Test
    void shouldAcceptScpLikeUrlsAndRefuseOthers() {
        assertThat(RemoteGit.sshUri("git@git.example.com:fleet/packages.git"))
                .isNotNull()
                .satisfies(uri -> assertThat(uri.getHost()).isEqualTo("git.example.com"));
        assertThat(RemoteGit.sshUri("ssh://git@git.example.com:2222/fleet/packages.git"))
                .satisfies(uri -> assertThat(uri.getPort()).isEqualTo(2222));
        for (String refused : List.of(
                "https://git.example.com/fleet.git",
                "file:///etc/passwd",
                "/srv/git/packages.git",
                "ssh://git:secret@git.example.com/packages.git")) {
            assertThat(RemoteGit.sshUri(refused)).as(refused).isNull();
        }
    }
}
