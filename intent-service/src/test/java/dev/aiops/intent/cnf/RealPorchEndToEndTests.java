package dev.aiops.intent.cnf;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.KubernetesCluster;
import dev.aiops.intent.support.PorchStubs;
import dev.aiops.intent.support.TestServices;
import dev.aiops.platform.test.Tokens;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end with the real services: the sentence becomes an intent, the real registry places it, the real
 * porch-adapter (its jar, with its git repository) creates, proposes and publishes the package, the
 * cluster's Kubernetes API (fabric8's mock server) reports the Deployment ready and the CNF is Active; then
 * a scaling intent publishes a second revision with the new replica count and the CNF goes through Scaling
 * back to Active. WireMock only forwards to porch-adapter here (the service has one porch-adapter URL).
 */
@IntentIntegrationTest
class RealPorchEndToEndTests {

    private static final KubernetesCluster CLUSTER = new KubernetesCluster();
    private static volatile boolean registered;

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    private RestClient porch;

    @AfterAll
    static void stopCluster() {
        CLUSTER.close();
    }

    @BeforeEach
    void startServices() {
        String porchUrl = TestServices.startPorch();
        porch = RestClient.builder().baseUrl(porchUrl).build();
        TestServices.porch().resetAll();
        TestServices.porch()
                .stubFor(any(urlPathMatching("/api/v1/packages.*"))
                        .willReturn(aResponse().proxiedFrom(porchUrl)));
        if (!registered) {
            RestClient registry =
                    RestClient.builder().baseUrl(TestServices.startRegistry()).build();
            registry.post()
                    .uri("/api/v1/clusters")
                    .headers(tokens.as("admin"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("""
                            {"name": "k8s-edge6", "api_server_url": "%s", "cluster_type": "EDGE",
                             "platform": "KUBERNETES", "region": "eu-north", "labels": {"aiops.dev/site": "edge6"},
                             "credentials": {"auth_type": "SERVICE_ACCOUNT", "token": "test-token"}}""".formatted(CLUSTER.url()))
                    .retrieve()
                    .toBodilessEntity();
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(json.readTree(registry.get()
                                            .uri("/api/v1/clusters?name=k8s-edge6&page_size=100")
                                            .headers(tokens.as("viewer"))
                                            .retrieve()
                                            .body(String.class))
                                    .path("items")
                                    .valueStream()
                                    .filter(c -> c.path("name").asString().equals("k8s-edge6"))
                                    .map(c -> c.path("status").path("state").asString()))
                            .containsExactly("ONLINE"));
            registered = true;
        }
    }

    @Test
    void shouldTakeTheSeedAmfFromSentenceToActiveAndScaleItThroughASecondPublishedRevision() throws Exception {
        String intent = create("Deploy an AMF with 2 replicas on edge6");
        JsonNode cnf = awaitCnf(intent, "CONFIGURING");
        String pkg = cnf.path("package_name").asString();
        assertThat(cnf.path("package_revision").asInt()).isEqualTo(1);

        // published in porch-adapter's git repository: the v1 tag holds the package's manifests
        Deployment v1 = PorchStubs.parseDeployment(git("show", pkg + "/v1:" + pkg + "/deployment.yaml"));
        assertThat(v1.getMetadata().getName()).isEqualTo(pkg);
        assertThat(v1.getSpec().getReplicas()).isEqualTo(2);
        var amf = v1.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(amf.getRequests().get("cpu").toString()).isEqualTo("1");
        assertThat(amf.getLimits().get("cpu").toString()).isEqualTo("2");
        assertThat(amf.getRequests().get("memory").toString()).isEqualTo("2Gi");
        assertThat(amf.getLimits().get("memory").toString()).isEqualTo("4Gi");
        assertThat(revision(cnf.path("package_revision_name").asString())
                        .path("lifecycle")
                        .asString())
                .isEqualTo("Published");

        // the GitOps agent applied it and the pods are ready
        CLUSTER.deployment(cnf.path("namespace").asString(), pkg, 2, 2, 0);
        JsonNode active = awaitState(cnf, "ACTIVE");
        assertThat(active.path("ready_replicas").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> intentStatus(intent).equals("completed"));

        String scaling = create("Scale AMF on edge6 to 3 replicas");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(cnf(id(cnf)).path("package_revision").asInt())
                                .isEqualTo(2));
        assertThat(cnf(id(cnf)).path("state").asString()).isEqualTo("SCALING");
        Deployment v2 = PorchStubs.parseDeployment(git("show", pkg + "/v2:" + pkg + "/deployment.yaml"));
        assertThat(v2.getSpec().getReplicas()).isEqualTo(3);
        assertThat(v2.getMetadata().getAnnotations()).containsEntry("aiops.dev/change", "1");
        assertThat(git("show", pkg + "/v2:" + pkg + "/Kptfile")).doesNotContain("upstream");
        assertThat(git("tag", "--list", pkg + "/*").lines().toList()).containsExactly(pkg + "/v1", pkg + "/v2");

        CLUSTER.deployment(cnf.path("namespace").asString(), pkg, 3, 3, 1);
        JsonNode scaled = awaitState(cnf, "ACTIVE");
        assertThat(scaled.path("ready_replicas").asInt()).isEqualTo(3);
        assertThat(scaled.path("history"))
                .extracting(h -> h.path("to").asString())
                .containsExactly("PENDING", "PROVISIONING", "CONFIGURING", "ACTIVE", "SCALING", "ACTIVE");
        await().atMost(Duration.ofSeconds(30)).until(() -> intentStatus(scaling).equals("completed"));

        // deleting the CNF withdraws both published revisions, so main cannot fall back to v1
        client.method(org.springframework.http.HttpMethod.DELETE)
                .uri("/api/v1/cnfs/{id}", id(cnf))
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isAccepted();
        awaitState(cnf, "DELETED");
        for (String revision : List.of(
                cnf.path("package_revision_name").asString(),
                scaled.path("package_revision_name").asString())) {
            assertThat(revision(revision).path("lifecycle").asString()).isEqualTo("DeletionProposed");
        }
    }

    private JsonNode revision(String name) {
        return json.readTree(porch.get()
                .uri("/api/v1/packages/{name}", name)
                .headers(tokens.as("viewer"))
                .retrieve()
                .body(String.class));
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(
                List.of("git", "--git-dir", TestServices.porchGit().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
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

    private JsonNode awaitCnf(String intentId, String state) {
        UUID id = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> jdbc.queryForList(
                                "select id from cnf where intent_id = ? and state = ?",
                                UUID.class,
                                UUID.fromString(intentId),
                                state),
                        found -> found.size() == 1)
                .get(0);
        return cnf(id.toString());
    }

    private JsonNode awaitState(JsonNode cnf, String state) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> cnf(id(cnf)).path("state").asString().equals(state));
        return cnf(id(cnf));
    }

    private static String id(JsonNode cnf) {
        return cnf.path("id").asString();
    }

    private JsonNode cnf(String id) {
        return client.get()
                .uri("/api/v1/cnfs/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private String intentStatus(String id) {
        return client.get()
                .uri("/api/v1/intents/{id}", id)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("status")
                .asString();
    }
}
