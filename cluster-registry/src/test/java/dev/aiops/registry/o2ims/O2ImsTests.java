package dev.aiops.registry.o2ims;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@RegistryIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class O2ImsTests {

    static final String V1 = "/o2ims-infrastructureInventory/v1";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    O2ImsDeliveryRelay relay;

    WireMockServer smo;

    @BeforeAll
    void startSmo() {
        smo = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        smo.start();
    }

    @AfterAll
    void stopSmo() {
        smo.stop();
    }

    @BeforeEach
    void resetSmo() {
        smo.resetAll();
        smo.stubFor(post(urlPathEqualTo("/smo/notify")).willReturn(aResponse().withStatus(204)));
        jdbc.update("delete from o2ims_subscription");
    }

    UUID register(String region, Map<String, String> labels) {
        Map<String, Object> body = cluster(uniqueName("o2"));
        body.put("region", region);
        body.put("labels", labels);
        Response response = api.as("operator").post("/api/v1/clusters", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }

    String subscribe(Map<String, Object> body) {
        Response response = api.as("operator").post(V1 + "/subscriptions", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("subscriptionId").asString();
    }

    List<JsonNode> notifications() {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : smo.findAll(postRequestedFor(urlPathEqualTo("/smo/notify")))) {
            bodies.add(api.json().readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    List<JsonNode> notificationsFor(String objectRef) {
        return notifications().stream()
                .filter(n -> n.get("objectRef").asString().equals(objectRef))
                .toList();
    }

    @Nested
    class Inventory {

        @Test
        void shouldDescribeTheApiAndTheOCloud() {
            JsonNode versions = api.as("viewer")
                    .get("/o2ims-infrastructureInventory/api_versions")
                    .body();
            assertThat(versions.get("uriPrefix").asString()).isEqualTo(V1);
            assertThat(versions.get("apiVersions").get(0).get("version").asString())
                    .isEqualTo("1.0.0");
            assertThat(api.as("viewer").get(V1 + "/api_versions").status()).isEqualTo(200);

            JsonNode cloud = api.as("viewer").get(V1 + "/").body();
            assertThat(cloud.get("oCloudId").asString()).isNotBlank();
            assertThat(cloud.get("globalCloudId").asString()).isNotBlank();
            assertThat(cloud.get("name").asString()).isNotBlank();
            assertThat(cloud.get("serviceUri").asString()).endsWith(V1);
            assertThat(cloud.has("extensions")).isTrue();
        }

        @Test
        void shouldMapEachClusterToADeploymentManager() {
            UUID id = register("eu-west", Map.of("aiops.dev/site", "paris-1"));

            JsonNode dm = api.as("viewer").get(V1 + "/deploymentManagers/" + id).body();

            assertThat(dm.get("deploymentManagerId").asString()).isEqualTo(id.toString());
            assertThat(dm.get("oCloudId").asString())
                    .isEqualTo(api.as("viewer")
                            .get(V1 + "/")
                            .body()
                            .get("oCloudId")
                            .asString());
            assertThat(dm.get("serviceUri").asString()).isEqualTo("http://127.0.0.1:1");
            assertThat(dm.get("supportedLocations").get(0).asString()).isEqualTo("paris-1");
            assertThat(dm.get("capabilities").get("platform").asString()).isEqualTo("KUBERNETES");
            assertThat(dm.get("capacity").get("nodes").asLong()).isZero();
            assertThat(dm.get("profileSupportList").get(0).asString()).isEqualTo("native_k8sapi");
            List<String> ids = new ArrayList<>();
            api.as("viewer")
                    .get(V1 + "/deploymentManagers")
                    .body()
                    .forEach(d -> ids.add(d.get("deploymentManagerId").asString()));
            assertThat(ids).contains(id.toString());
            assertThat(api.as("viewer")
                            .get(V1 + "/deploymentManagers/" + UUID.randomUUID())
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void shouldPoolClustersBySiteLabelElseRegionAndListTheirNodesAsResources() {
            String region = "region-" + UUID.randomUUID().toString().substring(0, 6);
            UUID first = register(region, Map.of());
            register(region, Map.of());
            jdbc.update(
                    "insert into cluster_node (cluster_id, name, id, uid, gpu_count, gpu_product, ready, discovered_at,"
                            + " capacity) values (?, 'gpu-0', ?, 'node-uid-1', 8, 'NVIDIA-H100-80GB-HBM3', true, now(),"
                            + " '{\"nvidia.com/gpu\":\"8\"}'::jsonb)",
                    first,
                    UUID.randomUUID());

            JsonNode pool = null;
            for (JsonNode p : api.as("viewer").get(V1 + "/resourcePools").body()) {
                if (p.get("name").asString().equals(region)) {
                    pool = p;
                }
            }
            assertThat(pool).isNotNull();
            assertThat(pool.get("extensions").get("clusters").asLong()).isEqualTo(2);
            assertThat(pool.get("globalLocationId").asString()).isEqualTo(region);
            String poolId = pool.get("resourcePoolId").asString();
            assertThat(api.as("viewer")
                            .get(V1 + "/resourcePools/" + poolId)
                            .body()
                            .get("name")
                            .asString())
                    .isEqualTo(region);

            JsonNode resources = api.as("viewer")
                    .get(V1 + "/resourcePools/" + poolId + "/resources")
                    .body();
            assertThat(resources).hasSize(1);
            JsonNode node = resources.get(0);
            assertThat(node.get("resourcePoolId").asString()).isEqualTo(poolId);
            assertThat(node.get("globalAssetId").asString()).isEqualTo("node-uid-1");
            assertThat(node.get("extensions").get("gpuCount").asInt()).isEqualTo(8);
            String typeId = node.get("resourceTypeId").asString();
            assertThat(api.as("viewer")
                            .get(V1 + "/resourceTypes/" + typeId)
                            .body()
                            .get("name")
                            .asString())
                    .isEqualTo("kubernetes-gpu-node");
            assertThat(api.as("viewer")
                            .get(V1 + "/resourcePools/" + poolId + "/resources/"
                                    + node.get("resourceId").asString())
                            .status())
                    .isEqualTo(200);
            assertThat(api.as("viewer")
                            .get(V1 + "/resourcePools/" + UUID.randomUUID())
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void shouldListResourceTypes() {
            JsonNode types = api.as("viewer").get(V1 + "/resourceTypes").body();

            assertThat(types).hasSize(2);
            assertThat(types.get(0).get("resourceTypeId").asString()).isNotBlank();
            assertThat(api.as("viewer").get(V1 + "/resourceTypes/nope").status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class Subscriptions {

        @Test
        void shouldCreateReadListAndDeleteSubscriptions() {
            Response created = api.as("operator")
                    .post(
                            V1 + "/subscriptions",
                            Map.of("callback", smo.baseUrl() + "/smo/notify", "consumerSubscriptionId", "smo-42"));

            assertThat(created.status()).isEqualTo(201);
            String id = created.body().get("subscriptionId").asString();
            assertThat(created.header("Location")).endsWith(V1 + "/subscriptions/" + id);
            JsonNode fetched = api.as("viewer").get(V1 + "/subscriptions/" + id).body();
            assertThat(fetched.get("callback").asString()).isEqualTo(smo.baseUrl() + "/smo/notify");
            assertThat(fetched.get("consumerSubscriptionId").asString()).isEqualTo("smo-42");
            assertThat(api.as("viewer").get(V1 + "/subscriptions").body()).hasSize(1);

            assertThat(api.as("operator").delete(V1 + "/subscriptions/" + id).status())
                    .isEqualTo(204);
            Response gone = api.as("viewer").get(V1 + "/subscriptions/" + id);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.body().get("code").asString()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        }

        static Stream<Arguments> invalidSubscriptions() {
            return Stream.of(
                    Arguments.of("no callback", Map.of("consumerSubscriptionId", "x"), "callback"),
                    Arguments.of("ftp callback", Map.of("callback", "ftp://smo.example.com/notify"), "callback"),
                    Arguments.of(
                            "metadata callback",
                            Map.of("callback", "http://169.254.169.254/latest/meta-data"),
                            "callback"),
                    Arguments.of("link-local v6 callback", Map.of("callback", "http://[fe80::1]/notify"), "callback"),
                    Arguments.of(
                            "unknown field",
                            Map.of("callback", "http://127.0.0.1/x", "callbackUri", "y"),
                            "callbackUri"),
                    Arguments.of(
                            "unparsable filter",
                            Map.of("callback", "http://127.0.0.1/x", "filter", "(eq,objectType"),
                            "filter"),
                    Arguments.of(
                            "unknown object type",
                            Map.of("callback", "http://127.0.0.1/x", "filter", "[\"Cluster\"]"),
                            "filter"),
                    Arguments.of(
                            "too long consumer id",
                            Map.of("callback", "http://127.0.0.1/x", "consumerSubscriptionId", "x".repeat(300)),
                            "consumerSubscriptionId"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidSubscriptions")
        void shouldNameTheFieldWhenSubscriptionIsInvalid(String caseName, Map<String, Object> body, String field) {
            Response response = api.as("operator").post(V1 + "/subscriptions", body);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            response.body().get("errors").forEach(e -> fields.add(e.get("field").asString()));
            assertThat(fields).contains(field);
            assertThat(jdbc.queryForObject("select count(*) from o2ims_subscription", Long.class))
                    .isZero();
        }

        @Test
        void shouldForbidSubscribingWhenCallerIsViewer() {
            assertThat(api.as("viewer")
                            .post(V1 + "/subscriptions", Map.of("callback", "http://127.0.0.1/x"))
                            .status())
                    .isEqualTo(403);
        }
    }

    @Nested
    class Notifications {

        @Test
        void shouldNotifyCreateModifyAndDeleteOfDeploymentManagers() {
            subscribe(Map.of("callback", smo.baseUrl() + "/smo/notify", "consumerSubscriptionId", "smo-1"));
            String region = "notify-" + UUID.randomUUID().toString().substring(0, 6);
            UUID id = register(region, Map.of());
            String ref = V1 + "/deploymentManagers/" + id;
            Map<String, Object> update = cluster("ignored");
            update.remove("name");
            update.put("cluster_type", "SPOKE");
            update.put("environment", "LAB");
            update.put("region", region);
            update.put("version", 0);
            assertThat(api.as("operator").put("/api/v1/clusters/" + id, update).status())
                    .isEqualTo(200);
            assertThat(api.as("admin").delete("/api/v1/clusters/" + id).status())
                    .isEqualTo(204);

            await().atMost(PATIENCE).until(() -> notificationsFor(ref).size() >= 3);

            List<JsonNode> sent = notificationsFor(ref);
            assertThat(sent.stream().map(n -> n.get("notificationEventType").asInt()))
                    .containsExactly(0, 1, 2);
            JsonNode create = sent.get(0);
            assertThat(create.get("consumerSubscriptionId").asString()).isEqualTo("smo-1");
            assertThat(create.get("id").asString()).isEqualTo(id.toString());
            assertThat(create.get("updatetime").asString()).isNotBlank();
            String poolRef = V1 + "/resourcePools/" + O2ImsIds.pool(region);
            await().atMost(PATIENCE).until(() -> notificationsFor(poolRef).size() >= 2);
            assertThat(notificationsFor(poolRef).stream()
                            .map(n -> n.get("notificationEventType").asInt()))
                    .containsExactly(0, 2);
            await().atMost(PATIENCE)
                    .until(() -> jdbc.queryForObject("select count(*) from o2ims_delivery", Long.class) == 0);
        }

        @Test
        void shouldRetryWithBackoffUntilTheCallbackAccepts() {
            smo.stubFor(post(urlPathEqualTo("/smo/flaky"))
                    .inScenario("flaky")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503))
                    .willSetStateTo("second"));
            smo.stubFor(post(urlPathEqualTo("/smo/flaky"))
                    .inScenario("flaky")
                    .whenScenarioStateIs("second")
                    .willReturn(aResponse().withStatus(500))
                    .willSetStateTo("ok"));
            smo.stubFor(post(urlPathEqualTo("/smo/flaky"))
                    .inScenario("flaky")
                    .whenScenarioStateIs("ok")
                    .willReturn(aResponse().withStatus(202)));
            subscribe(Map.of("callback", smo.baseUrl() + "/smo/flaky", "filter", "(eq,objectType,DeploymentManager)"));

            UUID id = register("retry-region", Map.of());

            await().atMost(PATIENCE)
                    .until(() -> smo.findAll(postRequestedFor(urlPathEqualTo("/smo/flaky")))
                                    .size()
                            >= 3);
            await().atMost(PATIENCE)
                    .until(() -> jdbc.queryForObject("select count(*) from o2ims_delivery", Long.class) == 0);
            List<LoggedRequest> attempts = smo.findAll(postRequestedFor(urlPathEqualTo("/smo/flaky")));
            assertThat(attempts).hasSize(3);
            assertThat(attempts).allMatch(r -> r.getBodyAsString().contains(id.toString()));
        }

        @Test
        void shouldKeepNotificationsAcrossARelayRestart() {
            subscribe(Map.of("callback", smo.baseUrl() + "/smo/notify"));
            relay.stop();
            UUID id;
            try {
                id = register("restart-region", Map.of());
                assertThat(jdbc.queryForObject(
                                "select count(*) from o2ims_delivery where payload like ?", Long.class, "%" + id + "%"))
                        .isPositive();
                assertThat(notificationsFor(V1 + "/deploymentManagers/" + id)).isEmpty();
            } finally {
                relay.start();
            }
            // delivery is at least once: a callback slow under load may get it twice, so the wait is for one at least
            await().atMost(PATIENCE)
                    .until(() ->
                            !notificationsFor(V1 + "/deploymentManagers/" + id).isEmpty());
        }

        @Test
        void shouldOnlyNotifyWhatTheFilterAccepts() {
            subscribe(Map.of("callback", smo.baseUrl() + "/smo/notify", "filter", "[\"ResourcePool\"]"));
            String region = "filter-" + UUID.randomUUID().toString().substring(0, 6);

            UUID id = register(region, Map.of());

            await().atMost(PATIENCE)
                    .until(() -> !notificationsFor(V1 + "/resourcePools/" + O2ImsIds.pool(region))
                            .isEmpty());
            assertThat(notificationsFor(V1 + "/deploymentManagers/" + id)).isEmpty();
        }

        @Test
        void shouldNotWriteNotificationsWhenTheChangeRollsBack() {
            subscribe(Map.of("callback", smo.baseUrl() + "/smo/notify"));
            long before = jdbc.queryForObject("select count(*) from o2ims_delivery", Long.class);
            Map<String, Object> body = cluster(uniqueName("rollback"));
            body.put("credentials", Map.of("auth_type", "KUBECONFIG", "kubeconfig", "not: [a kubeconfig"));

            assertThat(api.as("operator").post("/api/v1/clusters", body).status())
                    .isEqualTo(400);

            assertThat(jdbc.queryForObject("select count(*) from o2ims_delivery", Long.class))
                    .isEqualTo(before);
        }
    }
}
