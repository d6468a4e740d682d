package dev.aiops.intent.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.TestServices;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sentence → intent → plan against the real cluster registry (three ONLINE clusters and one whose API server fails) →
 * packages through porch-adapter's API (WireMock answering in the Packages API's contract shape) → CNFs in
 * Configuring, waiting for a GitOps agent. The clusters' API servers are WireMock answering {@code /readyz}.
 */
@IntentIntegrationTest
class PlanningAndProvisioningTests {

    private static final WireMockServer API_SERVERS =
            new WireMockServer(options().dynamicPort());
    private static final Map<String, UUID> CLUSTERS = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @BeforeAll
    static void startApiServers() {
        API_SERVERS.start();
        API_SERVERS.stubFor(get(urlMatching("/(edge1|edge2|core1)/readyz"))
                .willReturn(aResponse().withBody("ok")));
        API_SERVERS.stubFor(
                get(urlEqualTo("/edge3/readyz")).willReturn(aResponse().withStatus(500)));
    }

    @AfterAll
    static void stopApiServers() {
        API_SERVERS.stop();
    }

    @BeforeEach
    void registerClustersAndStubPorch() {
        if (CLUSTERS.isEmpty()) {
            String registry = TestServices.startRegistry();
            RestClient http = RestClient.builder().baseUrl(registry).build();
            register(http, "edge1", "EDGE", "us-west", "edge1");
            register(http, "edge2", "EDGE", "us-west", "edge2");
            register(http, "core1", "HUB", "eu-central-1", "core1");
            register(http, "edge3", "EDGE", "ap-south-1", "edge3");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode page = json.readTree(http.get()
                        .uri("/api/v1/clusters?page_size=100")
                        .headers(tokens.as("viewer"))
                        .retrieve()
                        .body(String.class));
                Map<String, String> states = new java.util.HashMap<>();
                page.path("items")
                        .forEach(c -> states.put(
                                c.path("name").asString(),
                                c.path("status").path("state").asString()));
                assertThat(states)
                        .containsEntry("edge1", "ONLINE")
                        .containsEntry("edge2", "ONLINE")
                        .containsEntry("core1", "ONLINE");
                // its API server answers 500: never usable (the registry leaves it UNKNOWN, later OFFLINE)
                assertThat(states.get("edge3")).isNotIn("ONLINE", "DEGRADED");
            });
        }
        WireMockServer porch = TestServices.porch();
        porch.resetAll();
        porch.stubFor(post(urlEqualTo("/api/v1/packages"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody(summary(
                                "{{jsonPath request.body '$.package_name'}}",
                                "{{jsonPath request.body '$.workspace_name'}}",
                                "{{jsonPath request.body '$.cnf.site'}}",
                                0,
                                "Draft"))));
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/propose")).willReturn(action("Proposed", 0)));
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/approve")).willReturn(action("Published", 1)));
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/propose-delete"))
                .willReturn(action("DeletionProposed", 1)));
        // termination lists the package's published revisions; none beyond the CNF's own here
        porch.stubFor(get(urlPathMatching("/api/v1/packages"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"items\": [], \"total\": 0, \"page\": 1, \"page_size\": 100, \"total_pages\": 0}")));
    }

    @Test
    void shouldListTheCnfsOfOneIntentFilteredByStateFunctionAndClusterAndRefuseABadFilterNamingIt() {
        String embb = create("Deploy eMBB slice on edge2 with 100Mbps and 20ms latency");
        String other = create("Deploy NRF on edge1");
        awaitCnfs(embb, 3, "CONFIGURING");
        awaitCnfs(other, 1, "CONFIGURING");

        JsonNode ofEmbb = cnfList("intent_id=" + embb + "&page_size=100");
        assertThat(ofEmbb.path("total").asInt()).isEqualTo(3);
        assertThat(ofEmbb.path("items"))
                .allSatisfy(c -> assertThat(c.path("intent_id").asString()).isEqualTo(embb))
                .extracting(c -> c.path("function").asString())
                .containsExactlyInAnyOrder("AMF", "SMF", "UPF");
        JsonNode upf =
                cnfList("intent_id=" + embb + "&function=upf&state=CONFIGURING&cluster_id=" + CLUSTERS.get("edge2"));
        assertThat(upf.path("items"))
                .singleElement()
                .satisfies(c -> assertThat(c.path("function").asString()).isEqualTo("UPF"));
        assertThat(cnfList("intent_id=" + embb + "&state=ACTIVE").path("total").asInt())
                .isZero();
        assertThat(cnfList("intent_id=" + other + "&cluster_id=" + CLUSTERS.get("edge2"))
                        .path("total")
                        .asInt())
                .isZero();

        for (String bad : List.of("intent_id=not-a-uuid", "state=RUNNING", "cluster_id=42")) {
            String field = bad.substring(0, bad.indexOf('='));
            JsonNode problem = client.get()
                    .uri("/api/v1/cnfs?" + bad)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(problem.path("code").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(problem.path("errors"))
                    .extracting(e -> e.path("field").asString())
                    .containsExactly(field);
        }
    }

    private JsonNode cnfList(String query) {
        return client.get()
                .uri("/api/v1/cnfs?" + query)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void shouldPlanAnEmbbSentenceOnTheSiteClusterAndPublishOnePackagePerFunction() {
        String id = create("Deploy eMBB slice on edge1 with 200Mbps and 30ms latency");

        List<JsonNode> cnfs = awaitCnfs(id, 3, "CONFIGURING");

        assertThat(cnfs).extracting(c -> c.path("function").asString()).containsExactlyInAnyOrder("AMF", "SMF", "UPF");
        assertThat(cnfs).allSatisfy(cnf -> {
            assertThat(cnf.path("cluster_id").asString())
                    .isEqualTo(CLUSTERS.get("edge1").toString());
            assertThat(cnf.path("package_revision").asInt()).isEqualTo(1);
            assertThat(cnf.path("status_message").asString()).startsWith("waiting for a GitOps agent");
            assertThat(cnf.path("history").size()).isEqualTo(3);
        });
        intent(id).jsonPath("$.status").isEqualTo("inProgress");
        assertThat(stages(id)).containsExactly("parsed", "planned", "packagesPublished");
        TestServices.porch()
                .verify(
                        3,
                        postRequestedFor(urlEqualTo("/api/v1/packages"))
                                .withRequestBody(matchingJsonPath("$.cnf.site", equalTo("edge1")))
                                .withRequestBody(
                                        matchingJsonPath("$.workspace_name", equalTo("intent-" + id.substring(0, 8)))));
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where event_type = 'CNF_STATE_CHANGED' and envelope like ?",
                        Long.class,
                        "%" + id + "%"))
                .isEqualTo(9);
        String metrics = client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        // counted, not just registered: the intent series exist from start-up with 0
        assertThat(metrics)
                .containsPattern("intent_processed_total\\{status=\"inProgress\",type=\"deployment\"} [1-9]")
                .contains("cnf_deployments_total{function=\"UPF\",status=\"CONFIGURING\"}")
                .containsPattern("intent_processing_seconds_count\\{stage=\"plan\"} [1-9]")
                .contains("intent_processing_seconds_bucket{stage=\"plan\",le=");
    }

    @Test
    void shouldSizeTheSeedAmfWithTwoReplicasAndItsControlPlaneResources() {
        String id = create("Deploy an AMF with 2 replicas on edge2");

        awaitCnfs(id, 1, "CONFIGURING");

        TestServices.porch()
                .verify(postRequestedFor(urlEqualTo("/api/v1/packages"))
                        .withRequestBody(matchingJsonPath("$.cnf.function", equalTo("AMF")))
                        .withRequestBody(matchingJsonPath("$.cnf.replicas", equalTo("2")))
                        .withRequestBody(matchingJsonPath("$.cnf.resources.cpu", equalTo("1")))
                        .withRequestBody(matchingJsonPath("$.cnf.resources.cpu_limit", equalTo("2")))
                        .withRequestBody(matchingJsonPath("$.cnf.resources.memory", equalTo("2Gi")))
                        .withRequestBody(matchingJsonPath("$.cnf.resources.memory_limit", equalTo("4Gi"))));
    }

    @Test
    void shouldPlaceHighlyAvailableCoreFunctionsOnEveryOnlineClusterOfTheRegion() {
        String id = create("Deploy AMF and SMF with high availability in us-west");

        List<JsonNode> cnfs = awaitCnfs(id, 4, "CONFIGURING");

        assertThat(cnfs)
                .extracting(c -> c.path("cluster_name").asString() + "/"
                        + c.path("function").asString())
                .containsExactlyInAnyOrder("edge1/AMF", "edge1/SMF", "edge2/AMF", "edge2/SMF");
        assertThat(cnfs).allSatisfy(c -> assertThat(c.path("replicas").asInt()).isEqualTo(2));
    }

    @Test
    void shouldFailTheIntentWithAClearReasonWhenOnlyAHubMatchesALowLatencyUrllc() {
        String id = create("Create URLLC service with 1ms latency on core1");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> intent(id).jsonPath("$.status").isEqualTo("failed"));
        intent(id)
                .jsonPath("$.status_reason")
                .value(String.class, reason -> assertThat(reason).contains("EDGE/FAR_EDGE", "core1"));
        assertThat(cnfCount(id)).isZero();
    }

    @Test
    void shouldFailTheIntentWhenTheSitesOnlyClusterIsOffline() {
        String id = create("Deploy UPF on edge3");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> intent(id).jsonPath("$.status").isEqualTo("failed"));
        intent(id)
                .jsonPath("$.status_reason")
                .value(
                        String.class,
                        reason -> assertThat(reason)
                                .contains("no ONLINE or DEGRADED cluster for site edge3", "(found [edge3 "));
    }

    @Test
    void shouldRetryATransientPorchFailureWithoutCreatingThePackageTwice() {
        WireMockServer porch = TestServices.porch();
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/propose"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/propose"))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(action("Proposed", 0)));

        String id = create("Deploy UPF on edge2");

        List<JsonNode> cnfs = awaitCnfs(id, 1, "CONFIGURING");
        assertThat(cnfs.get(0).path("last_error").isNull()
                        || cnfs.get(0).path("last_error").isMissingNode())
                .isTrue();
        porch.verify(1, postRequestedFor(urlEqualTo("/api/v1/packages")));
        porch.verify(2, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/propose")));
    }

    @Test
    void shouldRetryWhenPorchAdapterReportsItsRepositoryChangedConcurrentlyInsteadOfFailingTheCnf() {
        // what porch-adapter answers when another request held its git refs at that moment (the benchmark's
        // lost intents): 409 CONFLICT, the revision still Proposed; a retry publishes it
        WireMockServer porch = TestServices.porch();
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/approve"))
                .inScenario("busy-git")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 409, \"code\": \"CONFLICT\", \"detail\":"
                                + " \"The revision was changed concurrently; read it again and retry\"}"))
                .willSetStateTo("free"));
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/approve"))
                .inScenario("busy-git")
                .whenScenarioStateIs("free")
                .willReturn(action("Published", 1)));
        porch.stubFor(get(urlPathMatching("/api/v1/packages/[^/]+")).willReturn(action("Proposed", 0)));

        String id = create("Deploy SMF on edge1");

        List<JsonNode> cnfs = awaitCnfs(id, 1, "CONFIGURING");
        assertThat(cnfs.get(0).path("package_revision").asInt()).isEqualTo(1);
        assertThat(cnfs.get(0).path("history"))
                .extracting(h -> h.path("to").asString())
                .containsExactly("PENDING", "PROVISIONING", "CONFIGURING");
        porch.verify(2, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/approve")));
        assertThat(stages(id)).containsExactly("parsed", "planned", "packagesPublished");
    }

    @Test
    void shouldAdoptAProposalWhoseAnswerWasLostInsteadOfFailingOnTheRefusedSecondProposal() {
        // an earlier propose went through but its answer never arrived (timeout): the retry is refused as an
        // illegal move, and the revision is found Proposed already
        WireMockServer porch = TestServices.porch();
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/propose"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 409, \"code\": \"ILLEGAL_STATE_TRANSITION\","
                                + " \"detail\": \"Cannot propose a Proposed revision\"}")));
        porch.stubFor(get(urlPathMatching("/api/v1/packages/[^/]+")).willReturn(action("Proposed", 0)));

        String id = create("Deploy AMF on edge1");

        List<JsonNode> cnfs = awaitCnfs(id, 1, "CONFIGURING");
        assertThat(cnfs.get(0).path("package_revision").asInt()).isEqualTo(1);
        porch.verify(1, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/propose")));
        porch.verify(1, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/approve")));
    }

    @Test
    void shouldFailTheCnfWhenPorchAdapterRefusesAMoveTheRevisionCannotMake() {
        WireMockServer porch = TestServices.porch();
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/approve"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 409, \"code\": \"ILLEGAL_STATE_TRANSITION\","
                                + " \"detail\": \"Cannot approve a DeletionProposed revision\"}")));
        porch.stubFor(get(urlPathMatching("/api/v1/packages/[^/]+")).willReturn(action("DeletionProposed", 1)));

        String id = create("Deploy NRF on edge1");

        List<JsonNode> cnfs = awaitCnfs(id, 1, "FAILED");
        assertThat(cnfs.get(0).path("last_error_kind").asString()).isEqualTo("PERMANENT");
        assertThat(cnfs.get(0).path("last_error").asString()).contains("409 ILLEGAL_STATE_TRANSITION");
        porch.verify(1, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/approve")));
    }

    @Test
    void shouldContinueWithTheRevisionAnEarlierAttemptCreatedInsteadOfCreatingASecond() {
        // as after a crash between porch-adapter's answer and our commit: the revision exists, creation is refused
        WireMockServer porch = TestServices.porch();
        porch.stubFor(post(urlEqualTo("/api/v1/packages"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 409, \"code\": \"CONFLICT\"}")));
        // until the test knows the intent's id, looking the revision up fails transiently and is retried
        porch.stubFor(
                get(urlPathMatching("/api/v1/packages")).willReturn(aResponse().withStatus(503)));
        String id = create("Deploy NRF on edge2");
        String packageName = "nrf-edge2-" + id.substring(0, 8);
        porch.stubFor(get(urlPathMatching("/api/v1/packages"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"items\": ["
                                + summary(packageName, "intent-" + id.substring(0, 8), "edge2", 0, "Draft")
                                + "], \"total\": 1, \"page\": 1, \"page_size\": 100, \"total_pages\": 1}")));

        List<JsonNode> cnfs = awaitCnfs(id, 1, "CONFIGURING");

        assertThat(cnfs.get(0).path("package_revision_name").asString())
                .isEqualTo("default." + packageName + ".intent-" + id.substring(0, 8));
        // creation was only ever refused, so no second revision exists; the found one went on to publication
        porch.verify(1, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/propose")));
        porch.verify(1, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/approve")));
    }

    @Test
    void shouldTerminateTheCnfsAndProposeTheirPackagesForDeletionWhenTheIntentIsCancelled() {
        String id = create("Deploy SMF on edge1");
        awaitCnfs(id, 1, "CONFIGURING");

        client.delete()
                .uri("/api/v1/intents/{id}", id)
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isOk();

        List<JsonNode> cnfs = awaitCnfs(id, 1, "DELETED");
        assertThat(cnfs.get(0).path("history"))
                .extracting(h -> h.path("to").asString())
                .containsExactly("PENDING", "PROVISIONING", "CONFIGURING", "FAILED", "TERMINATING", "DELETED");
        TestServices.porch().verify(1, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/propose-delete")));
    }

    private void register(RestClient http, String name, String type, String region, String site) {
        String body = """
                {"name": "%s", "api_server_url": "%s/%s", "cluster_type": "%s", "platform": "KUBERNETES",
                 "region": "%s", "labels": {"aiops.dev/site": "%s"},
                 "credentials": {"auth_type": "SERVICE_ACCOUNT", "token": "test-token"}}""".formatted(name, API_SERVERS.baseUrl(), name, type, region, site);
        JsonNode created = json.readTree(http.post()
                .uri("/api/v1/clusters")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(String.class));
        CLUSTERS.put(name, UUID.fromString(created.path("id").asString()));
    }

    private String create(String text) {
        return client.post()
                .uri("/api/v1/intents")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"text\": \"" + text + "\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("id")
                .asString();
    }

    private org.springframework.test.web.servlet.client.RestTestClient.BodyContentSpec intent(String id) {
        return client.get()
                .uri("/api/v1/intents/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    private List<JsonNode> awaitCnfs(String intentId, int count, String state) {
        List<UUID> ids = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> jdbc.queryForList(
                                "select id from cnf where intent_id = ? and state = ?",
                                UUID.class,
                                UUID.fromString(intentId),
                                state),
                        found -> found.size() == count);
        return ids.stream()
                .map(cnf -> client.get()
                        .uri("/api/v1/cnfs/{id}", cnf)
                        .headers(tokens.as("viewer"))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult()
                        .getResponseBody())
                .toList();
    }

    private long cnfCount(String intentId) {
        return jdbc.queryForObject(
                "select count(*) from cnf where intent_id = ?", Long.class, UUID.fromString(intentId));
    }

    private List<String> stages(String intentId) {
        return jdbc.queryForList(
                "select stage from intent_report where intent_id = ? order by created_at, id",
                String.class,
                UUID.fromString(intentId));
    }

    private static String summary(String packageName, String workspace, String site, int revision, String lifecycle) {
        return """
                {"name": "default.%s.%s", "package_name": "%s", "repository": "default", "workspace_name": "%s",
                 "revision": %d, "lifecycle": "%s", "site": "%s",
                 "created_at": "2026-11-29T12:00:00Z", "updated_at": "2026-11-29T12:00:00Z"}""".formatted(packageName, workspace, packageName, workspace, revision, lifecycle, site);
    }

    /** An action's answer: the revision named in the path, in its new lifecycle. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder action(
            String lifecycle, int revision) {
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("""
                        {"name": "{{request.pathSegments.[3]}}", "package_name": "p", "repository": "default",
                         "workspace_name": "w", "revision": %d, "lifecycle": "%s", "site": "s",
                         "created_at": "2026-11-29T12:00:00Z", "updated_at": "2026-11-29T12:00:00Z"}""".formatted(revision, lifecycle));
    }
}
