package dev.aiops.intent.cnf;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.aiops.intent.support.IntentApi;
import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.KubernetesCluster;
import dev.aiops.intent.support.PorchStubs;
import dev.aiops.intent.support.RealPlatform;
import dev.aiops.intent.support.TestServices;
import dev.aiops.platform.test.Tokens;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CNF lifecycle after its package is published, on evidence from its cluster: a cluster registered in
 * the real registry whose Kubernetes API is fabric8's mock server in CRUD mode; the tests write the
 * Deployment and its status as a GitOps agent and the Deployment controller would. porch-adapter is WireMock
 * in the Packages API's shape.
 */
@IntentIntegrationTest
class CnfLifecycleTests {

    private static final KubernetesCluster CLUSTER = new KubernetesCluster();

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    private IntentApi api;

    @AfterAll
    static void stopCluster() {
        CLUSTER.close();
    }

    @BeforeEach
    void registerClusterAndStubPorch() {
        api = new IntentApi(client, tokens, jdbc);
        RealPlatform.onlineCluster(tokens, json, "k8s-edge5", "edge5", CLUSTER);
        PorchStubs.stub(TestServices.porch());
    }

    @Test
    void shouldMakeTheSeedAmfActiveOnlyOnItsReadyDeploymentAndDegradeAndRecoverWithTheCluster() {
        String intent = api.create("Deploy an AMF with 2 replicas on edge5");
        JsonNode cnf = api.awaitCnf(intent, "CONFIGURING");
        // the monitor has asked the cluster, which has no such Deployment yet
        awaitMessage(cnf, "no Deployment " + cnf.path("package_name").asString() + " in namespace");
        assertThat(api.cnf(IntentApi.id(cnf)).path("status_message").asString())
                .startsWith("waiting for a GitOps agent");

        // applied, one pod still starting: no evidence yet
        deploy(cnf, 2, 1, 0);
        awaitMessage(cnf, "1/2 replicas ready");
        assertThat(state(cnf)).isEqualTo("CONFIGURING");

        deploy(cnf, 2, 2, 0);
        JsonNode active = api.awaitState(cnf, "ACTIVE");
        assertThat(active.path("ready_replicas").asInt()).isEqualTo(2);
        assertThat(active.path("replicas").asInt()).isEqualTo(2);
        assertThat(api.intentStatus(intent)).isEqualTo("completed");
        assertThat(stages(intent)).contains("cnfsActive");

        // a pod lost: Degraded after the grace period, with the Deployment's reason
        deploy(cnf, 2, 1, 0);
        JsonNode degraded = api.awaitState(cnf, "DEGRADED");
        assertThat(degraded.path("status_message").asString()).contains("1/2 replicas ready");
        assertThat(degraded.path("ready_replicas").asInt()).isEqualTo(1);
        assertThat(api.intentStatus(intent)).isEqualTo("degraded");

        deploy(cnf, 2, 2, 0);
        JsonNode recovered = api.awaitState(cnf, "ACTIVE");
        assertThat(recovered.path("history"))
                .extracting(h -> h.path("to").asString())
                .containsExactly("PENDING", "PROVISIONING", "CONFIGURING", "ACTIVE", "DEGRADED", "HEALING", "ACTIVE");
        assertThat(api.intentStatus(intent)).isEqualTo("completed");
        assertThat(metrics())
                .contains("cnf_active_count{function=\"AMF\",phase=\"ACTIVE\"}")
                .contains("cnf_deployment_duration_seconds_count{function=\"AMF\"}")
                // the observations behind the trace spans (planning, each CNF step, each health decision)
                .contains("intent_plan_seconds_count{")
                .contains("cnf_step_seconds_count{cnf_state=\"PROVISIONING\"")
                .contains("cnf_health_seconds_count{cnf_state=\"CONFIGURING\"");
    }

    @Test
    void shouldBecomeActiveOnlyWhenItsPodsAreReadyAndItsServiceHasReadyEndpoints() {
        String intent = api.create("Deploy an AMF with 2 replicas on edge5");
        JsonNode cnf = api.awaitCnf(intent, "CONFIGURING");
        String namespace = cnf.path("namespace").asString();
        String pkg = cnf.path("package_name").asString();

        // the Deployment's status says 2/2, but one pod fails its readiness probe
        CLUSTER.pods(namespace, pkg, 2, 1);
        CLUSTER.endpointSlice(namespace, pkg, 2, 1);
        CLUSTER.deploymentOnly(namespace, pkg, 2, 2, 0);
        awaitMessage(cnf, "1/2 pods Ready (pod " + pkg + "-");
        assertThat(api.cnf(IntentApi.id(cnf)).path("status_message").asString())
                .contains("Running, ContainersNotReady");
        assertThat(condition(cnf, "DeploymentReady").path("status").asBoolean()).isTrue();
        assertThat(condition(cnf, "PodsReady").path("status").asBoolean()).isFalse();
        assertThat(state(cnf)).isEqualTo("CONFIGURING");

        // every pod Ready, but the Service has no endpoints at all, then only not-ready ones
        CLUSTER.removeEndpoints(namespace, pkg);
        CLUSTER.pods(namespace, pkg, 2, 2);
        awaitMessage(cnf, "Service " + pkg + " has no endpoints");
        assertThat(condition(cnf, "PodsReady").path("message").asString()).isEqualTo("2/2 pods Ready");
        assertThat(condition(cnf, "EndpointsReady").path("status").asBoolean()).isFalse();
        CLUSTER.endpointSlice(namespace, pkg, 2, 0);
        awaitMessage(cnf, "Service " + pkg + " has no ready endpoints in its EndpointSlices");
        assertThat(state(cnf)).isEqualTo("CONFIGURING");

        CLUSTER.endpointSlice(namespace, pkg, 2, 2);
        JsonNode active = api.awaitState(cnf, "ACTIVE");
        assertThat(active.path("conditions"))
                .extracting(
                        c -> c.path("type").asString() + "=" + c.path("status").asBoolean())
                .containsExactly(
                        "PackagePublished=true",
                        "DeploymentReady=true",
                        "PodsReady=true",
                        "EndpointsReady=true",
                        "Ready=true");
        assertThat(condition(cnf, "EndpointsReady").path("message").asString())
                .isEqualTo("Service " + pkg + " has 2 ready endpoint(s)");
        assertThat(active.path("history").get(3).path("reason").asString())
                .contains("2/2 replicas ready", "2/2 pods Ready", "2 ready endpoint(s)");

        // the Service loses its endpoints while the pods still run: Degraded, saying so
        CLUSTER.removeEndpoints(namespace, pkg);
        JsonNode degraded = api.awaitState(cnf, "DEGRADED");
        assertThat(degraded.path("status_message").asString()).isEqualTo("Service " + pkg + " has no endpoints");
        // a cluster that keeps only v1 Endpoints for the Service is evidence too
        CLUSTER.legacyEndpoints(namespace, pkg, 2);
        api.awaitState(cnf, "ACTIVE");
        assertThat(condition(cnf, "EndpointsReady").path("message").asString())
                .isEqualTo("Service " + pkg + " has 2 ready endpoint(s)");
    }

    @Test
    void shouldScaleUpdateAndDeleteThroughNewPackageRevisionsAndRefuseIllegalMoves() {
        String intent = api.create("Deploy NRF on edge5");
        JsonNode cnf = activate(intent, 1);

        // illegal moves and bad input, nothing changed
        expectProblem(
                client.post().uri("/api/v1/cnfs/{id}/heal", IntentApi.id(cnf)), null, 409, "ILLEGAL_STATE_TRANSITION");
        expectProblem(
                        client.post().uri("/api/v1/cnfs/{id}/scale", IntentApi.id(cnf)),
                        "{\"replicas\": 11}",
                        400,
                        "VALIDATION_FAILED")
                .path("errors")
                .forEach(e -> assertThat(e.path("field").asString()).isEqualTo("replicas"));

        accepted(client.post().uri("/api/v1/cnfs/{id}/scale", IntentApi.id(cnf)), "{\"replicas\": 3}");
        assertThat(state(cnf)).isEqualTo("SCALING");
        expectProblem(
                client.post().uri("/api/v1/cnfs/{id}/scale", IntentApi.id(cnf)),
                "{\"replicas\": 4}",
                409,
                "ILLEGAL_STATE_TRANSITION");
        awaitMessage(cnf, "not seen with change 1 ready yet");
        Deployment edited = lastEditedDeployment();
        assertThat(edited.getSpec().getReplicas()).isEqualTo(3);
        assertThat(edited.getMetadata().getAnnotations()).containsEntry("aiops.dev/change", "1");
        TestServices.porch()
                .verify(postRequestedFor(urlEqualTo("/api/v1/packages"))
                        .withRequestBody(matchingJsonPath("$.workspace_name", equalTo("change-1")))
                        .withRequestBody(matchingJsonPath("$.clone_from.revision", equalTo("1")))
                        .withRequestBody(matchingJsonPath(
                                "$.clone_from.package_name",
                                equalTo(cnf.path("package_name").asString()))));

        // the cluster still runs the first revision: no evidence of the new one
        deploy(cnf, 1, 1, 0);
        assertThat(state(cnf)).isEqualTo("SCALING");
        deploy(cnf, 3, 3, 1);
        JsonNode scaled = api.awaitState(cnf, "ACTIVE");
        assertThat(scaled.path("package_revision").asInt()).isEqualTo(2);
        assertThat(scaled.path("ready_replicas").asInt()).isEqualTo(3);

        accepted(client.patch().uri("/api/v1/cnfs/{id}", IntentApi.id(cnf)), "{\"resources\": {\"cpu\": \"1500m\"}}");
        awaitMessage(cnf, "not seen with change 2 ready yet");
        Deployment updated = lastEditedDeployment();
        assertThat(updated.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getRequests())
                .hasEntrySatisfying("cpu", q -> assertThat(q.toString()).isEqualTo("1500m"));
        deploy(cnf, 3, 3, 2);
        assertThat(api.awaitState(cnf, "ACTIVE").path("package_revision").asInt())
                .isEqualTo(3);

        // all three revisions are published; deleting the CNF must withdraw every one of them
        String pkg = cnf.path("package_name").asString();
        String first = cnf.path("package_revision_name").asString();
        String workspace = first.substring(first.lastIndexOf('.') + 1);
        TestServices.porch()
                .stubFor(get(urlPathEqualTo("/api/v1/packages"))
                        .willReturn(PorchStubs.page(
                                PorchStubs.summary(pkg, workspace, "edge5", 1, "Published"),
                                PorchStubs.summary(pkg, "change-1", "edge5", 2, "Published"),
                                PorchStubs.summary(pkg, "change-2", "edge5", 3, "Published"),
                                PorchStubs.summary("other-package", "v1", "edge5", 1, "Published"))));
        accepted(
                client.method(org.springframework.http.HttpMethod.DELETE).uri("/api/v1/cnfs/{id}", IntentApi.id(cnf)),
                null);
        JsonNode deleted = api.awaitState(cnf, "DELETED");
        assertThat(deleted.path("history"))
                .extracting(h -> h.path("to").asString())
                .endsWith("ACTIVE", "SCALING", "ACTIVE", "UPDATING", "ACTIVE", "TERMINATING", "DELETED");
        for (String revision : List.of(first, "default." + pkg + ".change-1", "default." + pkg + ".change-2")) {
            TestServices.porch()
                    .verify(1, postRequestedFor(urlEqualTo("/api/v1/packages/" + revision + "/propose-delete")));
        }
        TestServices.porch().verify(3, postRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/propose-delete")));
    }

    @Test
    void shouldScaleTheMatchingCnfsWhenAScalingIntentArrivesAndRefuseAboveTheMaximum() {
        JsonNode cnf = activate(api.create("Deploy UPF on edge5"), 1);

        String refused = api.create("Scale UPF on edge5 to 12 replicas");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.intentStatus(refused).equals("failed"));
        assertThat(state(cnf)).isEqualTo("ACTIVE");

        String scaling = api.create("Scale UPF on edge5 to 3 replicas");
        await().atMost(Duration.ofSeconds(30)).until(() -> state(cnf).equals("SCALING"));
        assertThat(api.intentStatus(scaling)).isEqualTo("inProgress");
        awaitMessage(cnf, "not seen with change 1 ready yet");
        assertThat(lastEditedDeployment().getSpec().getReplicas()).isEqualTo(3);

        deploy(cnf, 3, 3, 1);
        api.awaitState(cnf, "ACTIVE");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.intentStatus(scaling).equals("completed"));
        assertThat(stages(scaling)).containsExactly("parsed", "planned", "cnfsActive");
    }

    @Test
    void shouldRestartTheDegradedCnfThroughANewRevisionWhenAHealingIntentArrives() {
        JsonNode cnf = activate(api.create("Deploy SMF on edge5"), 1);
        deploy(cnf, 1, 0, 0);
        api.awaitState(cnf, "DEGRADED");

        String healing = api.create("Heal the SMF on edge5");
        await().atMost(Duration.ofSeconds(30)).until(() -> state(cnf).equals("HEALING"));
        awaitMessage(cnf, "not seen with change 1 ready yet");
        assertThat(lastEditedDeployment().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", "change-1");

        deploy(cnf, 1, 1, 1);
        JsonNode healed = api.awaitState(cnf, "ACTIVE");
        assertThat(healed.path("history"))
                .extracting(h -> h.path("to").asString())
                .endsWith("ACTIVE", "DEGRADED", "HEALING", "ACTIVE");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.intentStatus(healing).equals("completed"));
    }

    @Test
    void shouldKeepWaitingAndSayWhyWhenTheClusterRefusesToShowTheDeployment() {
        String intent = api.create("Deploy an O-CU-CP on edge5");
        JsonNode cnf = api.awaitCnf(intent, "CONFIGURING");
        CLUSTER.refuse(
                cnf.path("namespace").asString(), cnf.path("package_name").asString());
        deploy(cnf, 1, 1, 0);

        awaitMessage(cnf, "waiting for evidence from cluster k8s-edge5: the cluster's API server answered HTTP 403");
        assertThat(state(cnf)).isEqualTo("CONFIGURING");
    }

    private JsonNode activate(String intent, int replicas) {
        JsonNode cnf = api.awaitCnf(intent, "CONFIGURING");
        deploy(cnf, replicas, replicas, 0);
        return api.awaitState(cnf, "ACTIVE");
    }

    private void deploy(JsonNode cnf, int replicas, int ready, int change) {
        CLUSTER.deployment(
                cnf.path("namespace").asString(), cnf.path("package_name").asString(), replicas, ready, change);
    }

    private Deployment lastEditedDeployment() {
        List<LoggedRequest> puts =
                TestServices.porch().findAll(putRequestedFor(urlPathMatching("/api/v1/packages/[^/]+/resources")));
        assertThat(puts).isNotEmpty();
        JsonNode body = json.readTree(puts.get(puts.size() - 1).getBodyAsString());
        assertThat(body.path("resource_version").asLong()).isEqualTo(7);
        assertThat(body.path("resources").has("Kptfile")).isTrue();
        return PorchStubs.parseDeployment(
                body.path("resources").path("deployment.yaml").asString());
    }

    private void accepted(RestTestClient.RequestBodySpec request, String body) {
        request.headers(tokens.as("operator"));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        request.exchange().expectStatus().isAccepted();
    }

    private JsonNode expectProblem(RestTestClient.RequestBodySpec request, String body, int status, String code) {
        request.headers(tokens.as("operator"));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        JsonNode problem = request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem.path("code").asString()).isEqualTo(code);
        return problem;
    }

    private void awaitMessage(JsonNode cnf, String text) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(api.cnf(IntentApi.id(cnf))
                                .path("status_message")
                                .asString())
                        .contains(text));
    }

    private JsonNode condition(JsonNode cnf, String type) {
        for (JsonNode condition : api.cnf(IntentApi.id(cnf)).path("conditions")) {
            if (condition.path("type").asString().equals(type)) {
                return condition;
            }
        }
        throw new AssertionError("no condition " + type + " on CNF " + IntentApi.id(cnf));
    }

    private String state(JsonNode cnf) {
        return api.cnf(IntentApi.id(cnf)).path("state").asString();
    }

    private List<String> stages(String intentId) {
        return jdbc.queryForList(
                "select stage from intent_report where intent_id = ? order by created_at, id",
                String.class,
                UUID.fromString(intentId));
    }

    private String metrics() {
        return client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
