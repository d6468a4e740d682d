package dev.aiops.registry.discovery;

import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.outboxEvents;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.KubeApi;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Discovery through fabric8 against a WireMock API server answering with responses recorded from
 * real clusters (OpenShift 4.16 with H100/A100 GPU nodes, kind, MicroShift).
 */
@RegistryIntegrationTest
class DiscoveryTests {

    // Discoveries of clusters that earlier test classes left unreachable may still hold slots for a while.
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String TOKEN = "discovery-token-" + UUID.randomUUID();

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    static KubeApi openshiftHub() {
        return KubeApi.start(TOKEN)
                .serve("/apis", "kube/apis-openshift.json")
                .serve("/apis/config.openshift.io/v1/clusterversions/version", "kube/clusterversion.json")
                .serve("/api/v1/nodes", "kube/nodes-gpu.json")
                .serve("/api/v1/pods", "kube/pods-cnf.json")
                .serve("/api/v1/services", "kube/services-openshift.json");
    }

    static KubeApi plainKubernetes() {
        return KubeApi.start(TOKEN)
                .serve("/apis", "kube/apis-kubernetes.json")
                .notFound("/api/v1/namespaces/kube-public/configmaps/microshift-version")
                .serve("/api/v1/nodes", "kube/nodes-plain.json")
                .serve("/api/v1/pods", "kube/pods-none.json")
                .serve("/api/v1/services", "kube/services-plain.json");
    }

    UUID register(KubeApi kube, String token, Map<String, Object> endpoints) {
        Map<String, Object> body = cluster(uniqueName("disc"));
        body.put("api_server_url", kube.url());
        body.put("endpoints", endpoints);
        body.put("credentials", Map.of("auth_type", "SERVICE_ACCOUNT", "token", token));
        Response response = api.as("operator").post("/api/v1/clusters", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }

    JsonNode fetch(UUID id) {
        return api.as("viewer").get("/api/v1/clusters/" + id).body();
    }

    JsonNode awaitDiscovered(UUID id) {
        await().atMost(PATIENCE)
                .until(() -> !api.as("viewer")
                        .get("/api/v1/clusters/" + id + "/status")
                        .body()
                        .get("discovered_at")
                        .isNull());
        return fetch(id);
    }

    @Nested
    class Platforms {

        @Test
        void shouldFindGpusCnfsAndObservabilityWhenClusterIsAnOpenShiftHub() {
            try (KubeApi kube = openshiftHub()) {
                UUID id = register(kube, TOKEN, Map.of());

                JsonNode cluster = awaitDiscovered(id);

                assertThat(cluster.get("platform").asString()).isEqualTo("OPENSHIFT");
                assertThat(cluster.get("platform_version").asString()).isEqualTo("4.16.3");
                JsonNode caps = cluster.get("capabilities");
                assertThat(caps.get("has_gpu_nodes").asBoolean()).isTrue();
                assertThat(caps.get("gpu_count").asInt()).isEqualTo(12);
                assertThat(strings(caps.get("gpu_types")))
                        .containsExactly("NVIDIA-A100-SXM4-40GB", "NVIDIA-H100-80GB-HBM3");
                assertThat(caps.get("has_cnf_workloads").asBoolean()).isTrue();
                assertThat(strings(caps.get("cnf_types"))).containsExactlyInAnyOrder("UPF", "AMF", "VDU");
                assertThat(caps.get("has_prometheus").asBoolean()).isTrue();
                assertThat(caps.get("has_thanos").asBoolean()).isTrue();
                assertThat(caps.get("has_tempo").asBoolean()).isTrue();
                assertThat(caps.get("has_loki").asBoolean()).isTrue();
                assertThat(caps.get("has_service_mesh").asBoolean()).isFalse();
                assertThat(outboxEvents(jdbc, id)).contains("CLUSTER_CAPABILITIES_CHANGED");

                List<Map<String, Object>> nodes = jdbc.queryForList(
                        "select name, gpu_count, gpu_product, ready, roles::text as roles from cluster_node where cluster_id = ? order by name",
                        id);
                assertThat(nodes).hasSize(3);
                assertThat(nodes.get(0).get("name")).isEqualTo("gpu-worker-0.hub.example.com");
                assertThat(nodes.get(0).get("gpu_count")).isEqualTo(8);
                assertThat(nodes.get(1).get("ready")).isEqualTo(false);
                assertThat((String) nodes.get(2).get("roles")).contains("control-plane", "master");

                JsonNode gpuClusters = api.as("viewer")
                        .get("/api/v1/clusters?has_gpu=true&has_cnf=true&page_size=100")
                        .body();
                List<String> ids = new ArrayList<>();
                gpuClusters.get("items").forEach(c -> ids.add(c.get("id").asString()));
                assertThat(ids).contains(id.toString());
            }
        }

        @Test
        void shouldReportPlainKubernetesWhenNoOpenShiftGroupExists() {
            try (KubeApi kube = plainKubernetes()) {
                UUID id = register(kube, TOKEN, Map.of("prometheus_url", "http://127.0.0.1:1"));

                JsonNode cluster = awaitDiscovered(id);

                assertThat(cluster.get("platform").asString()).isEqualTo("KUBERNETES");
                assertThat(cluster.get("platform_version").asString()).isEqualTo("v1.29.10+67d3387");
                JsonNode caps = cluster.get("capabilities");
                assertThat(caps.get("has_gpu_nodes").asBoolean()).isFalse();
                assertThat(caps.get("has_cnf_workloads").asBoolean()).isFalse();
                assertThat(caps.get("has_prometheus").asBoolean())
                        .as("configured endpoint")
                        .isTrue();
                assertThat(caps.get("has_loki").asBoolean()).isFalse();
            }
        }

        @Test
        void shouldRecognizeMicroShiftByItsVersionConfigMap() {
            try (KubeApi kube = KubeApi.start(TOKEN)
                    .serve("/apis", "kube/apis-kubernetes.json")
                    .serve(
                            "/api/v1/namespaces/kube-public/configmaps/microshift-version",
                            "kube/microshift-version.json")
                    .serve("/api/v1/nodes", "kube/nodes-plain.json")
                    .serve("/api/v1/pods", "kube/pods-none.json")
                    .serve("/api/v1/services", "kube/services-plain.json")) {
                UUID id = register(kube, TOKEN, Map.of());

                JsonNode cluster = awaitDiscovered(id);

                assertThat(cluster.get("platform").asString()).isEqualTo("MICROSHIFT");
                assertThat(cluster.get("platform_version").asString()).isEqualTo("4.16.5");
            }
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void shouldRediscoverWhenRefreshedAndAnnounceTheChange() {
            try (KubeApi kube = openshiftHub()) {
                UUID id = register(kube, TOKEN, Map.of());
                awaitDiscovered(id);
                assertThat(fetch(id).get("capabilities").get("gpu_count").asInt())
                        .isEqualTo(12);

                kube.serve("/api/v1/nodes", "kube/nodes-plain.json");
                api.as("operator").post("/api/v1/clusters/" + id + "/refresh", null);

                await().atMost(PATIENCE)
                        .until(() ->
                                fetch(id).get("capabilities").get("gpu_count").asInt() == 0);
                assertThat(outboxEvents(jdbc, id).stream().filter("CLUSTER_CAPABILITIES_CHANGED"::equals))
                        .hasSize(2);
                assertThat(jdbc.queryForObject(
                                "select count(*) from cluster_node where cluster_id = ?", Long.class, id))
                        .isEqualTo(1);
            }
        }

        @Test
        void shouldRecordTheErrorAndKeepCapabilitiesWhenTheApiServerRejectsTheToken() {
            try (KubeApi kube = openshiftHub()) {
                UUID id = register(kube, "wrong-token", Map.of());

                await().atMost(PATIENCE)
                        .until(() -> !api.as("viewer")
                                .get("/api/v1/clusters/" + id + "/status")
                                .body()
                                .get("discovery_error")
                                .isNull());

                JsonNode status = api.as("viewer")
                        .get("/api/v1/clusters/" + id + "/status")
                        .body();
                assertThat(status.get("discovery_error").asString()).contains("401");
                assertThat(status.get("discovered_at").isNull()).isTrue();
                assertThat(fetch(id).get("capabilities").get("has_gpu_nodes").asBoolean())
                        .isFalse();
                assertThat(outboxEvents(jdbc, id)).doesNotContain("CLUSTER_CAPABILITIES_CHANGED");
            }
        }

        @Test
        void shouldUseConfiguredEndpointsWhenClusterHasNoCredentials() {
            Map<String, Object> body = cluster(uniqueName("nocreds"));
            body.put("endpoints", Map.of("loki_url", "http://127.0.0.1:1", "tempo_url", "http://127.0.0.1:2"));
            UUID id = UUID.fromString(api.as("operator")
                    .post("/api/v1/clusters", body)
                    .body()
                    .get("id")
                    .asString());

            await().atMost(PATIENCE)
                    .until(() -> fetch(id).get("capabilities").get("has_loki").asBoolean());

            assertThat(fetch(id).get("capabilities").get("has_tempo").asBoolean())
                    .isTrue();
            assertThat(api.as("viewer")
                            .get("/api/v1/clusters/" + id + "/status")
                            .body()
                            .get("discovery_error")
                            .asString())
                    .contains("no credentials");
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
