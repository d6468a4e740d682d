package dev.aiops.intelligence.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.IntelligenceIntegrationTest;
import dev.aiops.intelligence.support.PlatformStubs;
import dev.aiops.platform.test.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server through the official TypeScript SDK client ({@code @modelcontextprotocol/sdk}, pinned with a
 * lockfile in {@code src/test/resources/mcp-ts-client}) on the machine's Node: a second, independent
 * implementation of Streamable HTTP. Skipped only when {@code node} is not installed.
 */
@IntelligenceIntegrationTest
class McpServerTypeScriptClientTests {

    @LocalServerPort
    int port;

    @Autowired
    Tokens tokens;

    @Test
    void shouldInitializeListAndCallToolsFromTheTypeScriptSdk() throws Exception {
        assumeTrue(
                onPath("node") && onPath("npm"),
                "node and npm are not installed; the TypeScript MCP client test needs them");
        Path project = Path.of("target", "test-classes", "mcp-ts-client").toAbsolutePath();
        run(project, 600, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        String cluster = Fleet.uniqueName("far");
        UUID clusterId = Fleet.register(tokens.token("admin"), cluster, "EDGE");
        PlatformStubs.metrics(clusterId, cluster);

        String out = run(
                project,
                120,
                "node",
                "client.mjs",
                "http://localhost:" + port + "/mcp",
                tokens.token("viewer"),
                cluster);

        JsonNode result = JsonMapper.builder().build().readTree(out.substring(out.indexOf('{')));
        assertThat(result.path("server").path("name").asString()).isEqualTo("aiops-nextgen");
        List<String> tools = new ArrayList<>();
        result.path("tools").forEach(t -> {
            tools.add(t.path("name").asString());
            assertThat(t.path("type").asString()).isEqualTo("object");
        });
        assertThat(tools).contains("list_clusters", "query_metrics").doesNotContain("create_intent");
        assertThat(result.path("clusters").path("isError").asBoolean()).isFalse();
        assertThat(result.path("clusters").path("content").get(0).path("text").asString())
                .contains(clusterId.toString());
        assertThat(result.path("metrics").path("content").get(0).path("text").asString())
                .contains("\"clusters_succeeded\":1");
        assertThat(result.path("bad").path("isError").asBoolean()).isTrue();
        assertThat(result.path("bad").path("content").get(0).path("text").asString())
                .contains("/state")
                .contains("OFFLINE");
    }

    private static String run(Path dir, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("mcp-ts-", ".log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish: " + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}
