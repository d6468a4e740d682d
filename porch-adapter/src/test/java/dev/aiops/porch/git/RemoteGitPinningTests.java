package dev.aiops.porch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.platform.outbound.UrlGuardProperties;
import dev.aiops.porch.support.GitHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote git repository is reached only at the address the URL guard checked: JGit's HTTP transport runs over
 * the guarded client ({@link PinnedHttpConnections}), against a real git server ({@code git http-backend}). The
 * resolver answers the server's loopback address on the first lookup and the cloud metadata address on every
 * later one (DNS rebinding): with the answer pinned the fetch and push reach the server after one lookup; once the
 * pin has expired the connection's own lookup is checked and refused, and nothing reaches the server. A redirect
 * is never followed, not even to an allowed address.
 */
class RemoteGitPinningTests {

    @TempDir
    Path serverRoot;

    @TempDir
    Path mirrors;

    GitHttpServer server;

    @BeforeEach
    void start() {
        server = GitHttpServer.start(serverRoot, "porch", "s3cret-token");
        server.createRepository("packages");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** First answer loopback (allowed in these guards), every later one the cloud metadata address. */
    static final class RebindingResolver implements OutboundUrlGuard.Resolver {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                    : new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        }
    }

    static UrlGuardProperties guardProperties(Duration pinTtl) {
        return new UrlGuardProperties(
                List.of("metadata.google.internal"),
                List.of("169.254.0.0/16", "100.100.100.200/32"),
                true,
                Duration.ofSeconds(5),
                pinTtl);
    }

    static RemoteGit remote(String url, OutboundUrlGuard guard, GuardedHttpClients clients) {
        return new RemoteGit(
                url,
                "porch",
                "s3cret-token",
                Duration.ofSeconds(20),
                guard::checkBeforeCall,
                clients.plainClient(Duration.ofSeconds(20)));
    }

    @Test
    void shouldFetchAndPushThroughTheAddressTheGuardCheckedWhileTheNameNowAnswersADeniedOne() {
        RebindingResolver resolver = new RebindingResolver();
        String url = "http://git.rebind.example:" + server.port() + "/packages.git";
        try (OutboundUrlGuard guard = new OutboundUrlGuard(guardProperties(Duration.ofMinutes(5)), resolver);
                GuardedHttpClients clients = new GuardedHttpClients(guard);
                GitPackageStore store =
                        GitPackageStore.openMirror(mirrors.resolve("m.git"), remote(url, guard, clients))) {
            // a push (the Draft's branch, atomically) and a fetch, each through the pinned answer
            store.writeDraft(
                    "upf-edge1",
                    "v1",
                    new TreeMap<>(Map.of("Kptfile", "apiVersion: kpt.dev/v1\nkind: Kptfile\n")),
                    null,
                    new CommitInfo("Create upf-edge1 (v1)", null, "corr-1"));
            store.fetch();

            assertThat(resolver.lookups).as("one lookup, its answer pinned").hasValue(1);
            assertThat(server.requests()).isPositive();
            try (GitPackageStore remoteSide = GitPackageStore.openOrCreate(serverRoot.resolve("packages.git"))) {
                assertThat(remoteSide.resolve("refs/heads/drafts/upf-edge1/v1")).isPresent();
            }
        }
    }

    @Test
    void shouldRefuseAtConnectTimeWhenTheConnectionsOwnLookupAnswersADeniedAddress() {
        RebindingResolver resolver = new RebindingResolver();
        String url = "http://git.rebind.example:" + server.port() + "/packages.git";
        // no pinning: the check before the call sees loopback, the connection's lookup the metadata address
        try (OutboundUrlGuard guard = new OutboundUrlGuard(guardProperties(Duration.ZERO), resolver);
                GuardedHttpClients clients = new GuardedHttpClients(guard)) {
            RemoteGit remote = remote(url, guard, clients);
            assertThatThrownBy(() -> GitPackageStore.openMirror(mirrors.resolve("m.git"), remote))
                    .isInstanceOfSatisfying(
                            RemoteGitException.class,
                            e -> assertThat(e.reason()).isEqualTo(RemoteGitException.Reason.BLOCKED));
        }
        assertThat(resolver.lookups)
                .as("the check's lookup, then the connection's, both checked")
                .hasValue(2);
        assertThat(server.requests()).as("nothing reached any server").isZero();
    }

    @Test
    void shouldNotFollowARedirectNotEvenToAnAllowedGitServer() throws IOException {
        // the remote answers every request with a 302 to the real git server (an address the guard allows)
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger redirected = new AtomicInteger();
        redirecting.createContext("/", exchange -> {
            redirected.incrementAndGet();
            exchange.getResponseHeaders()
                    .add(
                            "Location",
                            server.url("packages") + "/info/refs?"
                                    + exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.start();
        try (OutboundUrlGuard guard =
                        new OutboundUrlGuard(guardProperties(Duration.ofMinutes(5)), OutboundUrlGuard.Resolver.SYSTEM);
                GuardedHttpClients clients = new GuardedHttpClients(guard)) {
            RemoteGit remote =
                    remote("http://127.0.0.1:" + redirecting.getAddress().getPort() + "/packages.git", guard, clients);
            assertThatThrownBy(() -> GitPackageStore.openMirror(mirrors.resolve("m.git"), remote))
                    .isInstanceOfSatisfying(
                            RemoteGitException.class,
                            e -> assertThat(e.reason()).isEqualTo(RemoteGitException.Reason.UNAVAILABLE));
            assertThat(redirected).hasPositiveValue();
            assertThat(server.requests())
                    .as("the redirect's target was never called")
                    .isZero();

            // and a redirect to the metadata address is refused the same way, nothing followed
            redirecting.removeContext("/");
            redirecting.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            assertThatThrownBy(() -> GitPackageStore.openMirror(mirrors.resolve("m2.git"), remote))
                    .isInstanceOf(RemoteGitException.class);
        } finally {
            redirecting.stop(0);
        }
    }
}
