package dev.aiops.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.testkit.RealInfrastructure;
import dev.aiops.testkit.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The one Spring context of the gateway's integration tests (two cores: every test class extends this and
 * shares it). Four services are WireMock stubs, realtime-streaming is a WebSocket echo server,
 * porch-adapter points at a closed port (down), Redis is the test kit's real one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "aiops.security.dev-mode=true",
            "aiops.security.dev-secret=gateway-tests-secret-long-enough-for-hs256",
            // small enough to exceed cheaply in a test
            "aiops.gateway.max-body-size=64KB",
            "aiops.gateway.rate-limits.rules.intent-creation.limit=3",
            // generous for a loaded test machine: a limiter answer that came too late would make intent
            // creation (fail-closed) answer 503 and the counting tests meaningless
            "aiops.gateway.rate-limits.redis-timeout=1s",
            "aiops.gateway.route-timeout-ms.intelligence-engine=1500",
            // long enough for a stub on a loaded machine; nothing here hangs, down services refuse at once
            "aiops.gateway.health-timeout=5s",
            "logging.structured.format.console="
        })
// generous: several engineers build on this 2-core machine at once; this bounds a hang, it is no speed check
@AutoConfigureWebTestClient(timeout = "30s")
@RealInfrastructure
abstract class GatewayTestSupport {

    static final WireMockServer REGISTRY = start();
    static final WireMockServer COLLECTOR = start();
    static final WireMockServer INTELLIGENCE = start();
    static final WireMockServer INTENTS = start();
    /** realtime-streaming's WebSocket, as an echo: WireMock does not speak WebSocket. */
    static final DisposableServer STREAMING = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes ->
                    routes.ws("/ws", (in, out) -> out.sendString(in.receive().asString())))
            .bindNow();

    static final int CLOSED_PORT = closedPort();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("aiops.services.cluster-registry.url", REGISTRY::baseUrl);
        registry.add("aiops.services.observability-collector.url", COLLECTOR::baseUrl);
        registry.add("aiops.services.intelligence-engine.url", INTELLIGENCE::baseUrl);
        registry.add("aiops.services.intent-service.url", INTENTS::baseUrl);
        registry.add("aiops.services.porch-adapter.url", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("aiops.services.realtime-streaming.url", () -> "http://127.0.0.1:" + STREAMING.port());
    }

    @Autowired
    WebTestClient web;

    @Autowired
    DevTokenIssuer issuer;

    @BeforeEach
    void resetStubsAndLimits() {
        List.of(REGISTRY, COLLECTOR, INTELLIGENCE, INTENTS).forEach(WireMockServer::resetAll);
        // rate-limit buckets from earlier tests must not leak into this one
        TestInfrastructure.flushRedis();
    }

    String bearer(String user, String... roles) {
        return "Bearer " + issuer.issue(user, Set.of(roles)).accessToken();
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    // a port nothing listens on: connections are refused at once, like a service that is down
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
