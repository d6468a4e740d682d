package dev.aiops.streaming.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.platform.test.Tokens;
import dev.aiops.streaming.support.StreamingIntegrationTest;
import dev.aiops.streaming.support.WsClient;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path of a live event: a cluster registered through the gateway's REST API, its
 * CLUSTER_REGISTERED leaving the real cluster registry (its jar, on its own database) through the outbox
 * and Redis, and arriving on a WebSocket opened on the gateway's {@code /ws}. The streaming service is this
 * test's own context; the gateway (its jar) routes to it and to the registry. All on the test kit's
 * PostgreSQL and Redis, on free ports.
 */
@StreamingIntegrationTest
class GatewayEndToEndTests {

    private static ServiceJarServer registry;
    private static ServiceJarServer gateway;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Tokens tokens;

    @Autowired
    SecurityProperties security;

    @AfterAll
    static void stopServices() {
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldDeliverClusterRegisteredFromTheRegistryToAWebSocketOnTheGateway() throws Exception {
        URI gatewayUrl = startServices();
        URI ws = URI.create("ws://127.0.0.1:" + gatewayUrl.getPort() + "/ws");
        String name = "e2e-ws-" + UUID.randomUUID().toString().substring(0, 8);
        // the first request through a gateway that just started initialises its routes, security and limiter:
        // on a busy two-core machine that took longer than the usual 10 s handshake bound (as the POST below)
        try (WsClient client = WsClient.connect(ws, json, Duration.ofSeconds(60))) {
            client.send("{\"type\": \"auth\", \"token\": \"" + tokens.token("viewer") + "\"}");
            assertThat(client.next().path("type").asString()).isEqualTo("auth_response");
            client.send("{\"type\": \"subscribe\", \"subscription\": {\"event_types\": [\"CLUSTER_REGISTERED\"]}}");
            assertThat(client.next().path("type").asString()).isEqualTo("subscribed");

            HttpResponse<String> created = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(gatewayUrl.resolve("/api/v1/clusters"))
                                    .header("Authorization", "Bearer " + tokens.token("admin"))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            """
                                            {"name": "%s", "api_server_url": "https://127.0.0.1:%d",
                                             "cluster_type": "EDGE", "platform": "KUBERNETES", "region": "eu-north",
                                             "credentials": {"auth_type": "SERVICE_ACCOUNT", "token": "t"}}""".formatted(name, ServiceJarServer.freePort())))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String clusterId = json.readTree(created.body()).path("id").asString();

            // the outbox relay polls; other events of the type may come first
            JsonNode registered = null;
            for (int i = 0; i < 20 && registered == null; i++) {
                Optional<JsonNode> message = client.poll(Duration.ofSeconds(3));
                if (message.isPresent()
                        && clusterId.equals(message.get().path("cluster_id").asString())) {
                    registered = message.get();
                }
            }
            assertThat(registered)
                    .as("CLUSTER_REGISTERED of %s on the gateway's /ws", clusterId)
                    .isNotNull();
            assertThat(registered.path("event_type").asString()).isEqualTo("CLUSTER_REGISTERED");
            assertThat(registered.path("payload").path("cluster").path("name").asString())
                    .as("%s", registered)
                    .isEqualTo(name);
            assertThat(registered.path("offset").asLong()).isPositive();
            assertThat(registered.path("epoch").asString()).isNotBlank();
        }
    }

    /** The registry and the gateway, started side by side (each takes a while on a busy machine). */
    private URI startServices() {
        if (gateway != null) {
            return gateway.url();
        }
        SharedRedis redis = SharedRedis.get();
        PostgresDatabase database = SharedPostgres.get().createDatabase("aiops_registry_streaming_e2e");
        int registryPort = ServiceJarServer.freePort();
        String secret = security.devSecret();
        CompletableFuture<ServiceJarServer> registryStart =
                CompletableFuture.supplyAsync(() -> ServiceJarServer.builder(ServiceJarServer.jarOf("cluster-registry"))
                        .port(registryPort)
                        .property("spring.datasource.url", database.jdbcUrl())
                        .property("spring.datasource.username", database.username())
                        .property("spring.datasource.password", database.password())
                        .property("spring.data.redis.host", redis.host())
                        .property("spring.data.redis.port", Integer.toString(redis.port()))
                        .property("aiops.security.dev-mode", "true")
                        .property("aiops.security.dev-secret", secret)
                        .property("aiops.registry.url-guard.allow-loopback", "true")
                        .property("aiops.outbox.poll-interval", "200ms")
                        .property("logging.structured.format.console", "")
                        .start());
        CompletableFuture<ServiceJarServer> gatewayStart =
                CompletableFuture.supplyAsync(() -> ServiceJarServer.builder(ServiceJarServer.jarOf("gateway"))
                        .property("spring.data.redis.host", redis.host())
                        .property("spring.data.redis.port", Integer.toString(redis.port()))
                        .property("aiops.security.dev-mode", "true")
                        .property("aiops.security.dev-secret", secret)
                        .property("aiops.services.cluster-registry.url", "http://127.0.0.1:" + registryPort)
                        .property("aiops.services.realtime-streaming.url", "http://127.0.0.1:" + port)
                        .property("logging.structured.format.console", "")
                        .start());
        registry = registryStart.join();
        gateway = gatewayStart.join();
        return gateway.url();
    }
}
