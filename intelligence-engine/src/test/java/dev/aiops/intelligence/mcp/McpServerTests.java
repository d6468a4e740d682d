package dev.aiops.intelligence.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.intelligence.support.PlatformStubs;
import dev.aiops.platform.test.Tokens;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The MCP server through the official MCP Java SDK client over Streamable HTTP, as an independent client
 * would use it: bearer token on every request, tools listed by role, tools called against the real
 * registry and the collector's contract. The client is SDK 2.1.x, pinned in the root pom over the 2.0.0 that
 * Spring AI 2.0 declares, and so is the server: one SDK on the classpath, the same the server runs on.
 */
@IntelligenceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpServerTests {

    @LocalServerPort
    int port;

    @Autowired
    Tokens tokens;

    String cluster;
    UUID clusterId;

    @BeforeAll
    void registerCluster() {
        cluster = Fleet.uniqueName("edge");
        clusterId = Fleet.register(tokens.token("admin"), cluster, "EDGE");
    }

    @Test
    void shouldInitializeAndListToolsWithJsonSchemasForAViewerWithoutCreateIntent() {
        assertThat(HttpClientStreamableHttpTransport.class.getPackage().getImplementationVersion())
                .startsWith("2.1.");
        try (McpSyncClient mcp = client("viewer")) {
            McpSchema.InitializeResult init = mcp.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("aiops-nextgen");
            assertThat(init.capabilities().tools()).isNotNull();

            List<McpSchema.Tool> tools = mcp.listTools().tools();

            assertThat(tools)
                    .extracting(McpSchema.Tool::name)
                    .contains(
                            "list_clusters",
                            "get_cluster_status",
                            "query_metrics",
                            "list_alerts",
                            "get_gpu_summary",
                            "list_intents")
                    .doesNotContain("create_intent");
            McpSchema.Tool query = tools.stream()
                    .filter(t -> t.name().equals("query_metrics"))
                    .findFirst()
                    .orElseThrow();
            assertThat(query.inputSchema()).containsEntry("type", "object");
            assertThat(query.inputSchema().get("required")).isEqualTo(List.of("query"));
            assertThat(((Map<?, ?>) query.inputSchema().get("properties"))
                            .keySet().stream().map(Object::toString).toList())
                    .contains("query", "clusters", "start_time", "end_time", "step");
        }
    }

    @Test
    void shouldListCreateIntentForAnOperator() {
        try (McpSyncClient mcp = client("operator")) {
            mcp.initialize();
            assertThat(mcp.listTools().tools()).extracting(McpSchema.Tool::name).contains("create_intent");
        }
    }

    @Test
    void shouldCallListClustersAgainstTheRegistry() {
        try (McpSyncClient mcp = client("viewer")) {
            mcp.initialize();

            McpSchema.CallToolResult result =
                    mcp.callTool(new McpSchema.CallToolRequest("list_clusters", Map.of("name", cluster)));

            assertThat(result.isError()).isFalse();
            assertThat(text(result)).contains("\"name\":\"" + cluster + "\"").contains(clusterId.toString());
        }
    }

    @Test
    void shouldCallQueryMetricsResolvingClusterNameThroughTheRegistry() {
        PlatformStubs.metrics(clusterId, cluster);
        try (McpSyncClient mcp = client("viewer")) {
            mcp.initialize();

            McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest(
                    "query_metrics", Map.of("query", "up", "clusters", List.of(cluster))));

            assertThat(result.isError()).isFalse();
            assertThat(text(result)).contains("\"clusters_succeeded\":1").contains("\"result_type\":\"VECTOR\"");
        }
    }

    @Test
    void shouldReturnAnErrorResultForABadArgument() {
        try (McpSyncClient mcp = client("viewer")) {
            mcp.initialize();

            McpSchema.CallToolResult result =
                    mcp.callTool(new McpSchema.CallToolRequest("list_clusters", Map.of("state", "SLEEPING")));

            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("state").contains("OFFLINE");
        }
    }

    @Test
    void shouldReturnAnErrorResultForAnArgumentTheSchemaCannotCheck() {
        try (McpSyncClient mcp = client("viewer")) {
            mcp.initialize();

            McpSchema.CallToolResult result =
                    mcp.callTool(new McpSchema.CallToolRequest("get_intent", Map.of("intent_id", "not-a-uuid")));

            assertThat(result.isError()).isTrue();
            assertThat(text(result)).isEqualTo("invalid argument 'intent_id': must be a UUID");
        }
    }

    @Test
    void shouldRefuseCreateIntentCalledByAViewerAnyway() {
        try (McpSyncClient mcp = client("viewer")) {
            mcp.initialize();

            McpSchema.CallToolResult result =
                    mcp.callTool(new McpSchema.CallToolRequest("create_intent", Map.of("text", "Scale UPF to 3")));

            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("operator");
        }
    }

    @Test
    void shouldAnswer401WithoutABearerToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("list_clusters");
    }

    @Test
    void shouldFailToInitializeWithAnInvalidToken() {
        McpSyncClient mcp = McpClient.sync(transport("not-a-token"))
                .requestTimeout(Duration.ofSeconds(20))
                .build();
        assertThatThrownBy(mcp::initialize).isNotNull();
        mcp.close();
    }

    private McpSyncClient client(String role) {
        return McpClient.sync(transport(tokens.token(role)))
                .requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("aiops-test", "1.0"))
                .build();
    }

    private HttpClientStreamableHttpTransport transport(String token) {
        return HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .reduce("", String::concat);
    }
}
