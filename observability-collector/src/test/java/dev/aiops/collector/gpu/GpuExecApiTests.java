package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The exec path through the whole service: a cluster without Prometheus registered in the real registry
 * with a service-account token, its API server played by fabric8's mock server; the collector reads the
 * token from the registry's internal connection endpoint and serves what nvidia-smi printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GpuExecApiTests extends FederationIntegrationTest {

    static final String TOKEN = "sa-token-" + UUID.randomUUID();

    @Autowired
    Tokens tokens;

    @Autowired
    RestTestClient client;

    KubernetesMockServer apiServer;
    UUID clusterId;

    @BeforeAll
    void clusterWithGpuNodeRegistered() throws Exception {
        apiServer = new KubernetesMockServer(false);
        apiServer.init();
        DriverPodMock.driverPod(
                apiServer,
                "nvidia-driver-daemonset-x7k2p",
                "gpu-worker-1",
                DriverPodMock.fixture("loaded-query-gpu.csv"),
                DriverPodMock.fixture("loaded-compute-apps.csv"),
                DriverPodMock.fixture("loaded-table.txt"));
        String body = """
                {"name": "gpu-exec-%s", "api_server_url": "%s", "platform": "KUBERNETES",
                 "credentials": {"auth_type": "SERVICE_ACCOUNT", "token": "%s"}}
                """.formatted(UUID.randomUUID().toString().substring(0, 6), apiServer.url("/"), TOKEN);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(FIXTURE.runningRegistryUrl().resolve("/api/v1/clusters"))
                                .header("Authorization", "Bearer " + tokens.token("operator"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        clusterId = UUID.fromString(id.group(1));
    }

    @AfterAll
    void clusterDeleted() {
        if (clusterId != null) {
            FIXTURE.delete(tokens.token("admin"), clusterId);
        }
        apiServer.destroy();
    }

    JsonNode get(String path) {
        return client.get()
                .uri(path)
                .header("Authorization", "Bearer " + tokens.token("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void shouldServeWhatNvidiaSmiPrintedInTheDriverPod() throws InterruptedException {
        JsonNode nodes = Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> get("/api/v1/gpu/nodes?cluster_id=" + clusterId), n -> n.size() == 1);

        JsonNode node = nodes.get(0);
        assertThat(node.path("node_name").asString()).isEqualTo("gpu-worker-1");
        assertThat(node.path("cluster_name").asString()).startsWith("gpu-exec-");
        JsonNode gpu = node.path("gpus").get(0);
        assertThat(gpu.path("uuid").asString()).isEqualTo("GPU-42a0d46f-aa1d-4839-9933-9a7101e976e4");
        assertThat(gpu.path("cuda_version").asString()).isEqualTo("13.0");
        assertThat(gpu.path("utilization_gpu_percent").asDouble()).isEqualTo(1.0);
        assertThat(gpu.path("memory_used_mb").asLong()).isEqualTo(883L);
        assertThat(gpu.path("power_limit_watts").asDouble()).isEqualTo(700.0);
        assertThat(gpu.path("fan_speed_percent").isNull()).isTrue();

        JsonNode processes = get("/api/v1/gpu/processes?cluster_id=" + clusterId + "&node_name=gpu-worker-1");
        assertThat(processes).hasSize(1);
        assertThat(processes.get(0).path("pid").asLong()).isEqualTo(449L);
        assertThat(processes.get(0).path("process_name").asString()).isEqualTo("python3");
        assertThat(processes.get(0).path("used_memory_mb").asLong()).isEqualTo(874L);
        assertThat(processes.get(0).path("type").asString()).isEqualTo("COMPUTE");
        assertThat(processes.get(0).path("gpu_uuid").asString())
                .isEqualTo(gpu.path("uuid").asString());

        // the token registered with the cluster, read back from the registry's internal endpoint
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest r;
        while ((r = apiServer.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            requests.add(r);
        }
        assertThat(requests)
                .isNotEmpty()
                .allSatisfy(req -> assertThat(req.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void shouldAnswerAKnownClustersUnknownNodeWith404() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> get("/api/v1/gpu/nodes?cluster_id=" + clusterId), n -> n.size() == 1);

        client.get()
                .uri(URI.create("/api/v1/gpu/nodes/" + clusterId + "/gpu-worker-9")
                        .toString())
                .header("Authorization", "Bearer " + tokens.token("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("GPU_NODE_NOT_FOUND");
    }
}
