package dev.aiops.porch.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.test.Tokens;
import dev.aiops.porch.porchapi.PorchApiBackend;
import dev.aiops.porch.support.PorchIntegrationTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.dsl.Pathable;
import io.fabric8.mockwebserver.dsl.ReturnOrWebsocketable;
import io.fabric8.mockwebserver.dsl.TimesOnceableOrHttpHeaderable;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * {@code /api/v1/packages} on a registered Porch repository: the same requests and answers as on git, carried out
 * as PackageRevision / PackageRevisionResources calls on fabric8's mock API server, which answers with the
 * payloads a Porch server sends (objects with their resourceVersion, metav1.Status errors).
 */
@PorchIntegrationTest
class PorchPackagesApiTests {

    static final String NS = "porch-demo";
    static final String REVISIONS = "/apis/porch.kpt.dev/v1alpha2/namespaces/" + NS + "/packagerevisions";
    static final String RESOURCES = "/apis/porch.kpt.dev/v1alpha1/namespaces/" + NS + "/packagerevisionresources";
    static final KubernetesSerialization JSON = new KubernetesSerialization();
    // aiops.porch.porch-api.credentials.test-porch.token in application-test.yml
    static final String TOKEN = "porch-test-token-1";
    // aiops.porch.porch-api.instance-id in application-test.yml: not the default, so the default is another instance
    static final String INSTANCE = "porch-tests.aiops";

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    KubernetesMockServer porch;
    String repository;
    String name;

    @BeforeEach
    void registerPorchRepository() {
        porch = new KubernetesMockServer(false);
        porch.init();
        repository = "edge-" + UUID.randomUUID().toString().substring(0, 8);
        name = repository + ".upf-edge1.v1";
        client.post()
                .uri("/api/v1/repositories")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"name": "%s", "type": "porch",
                         "porch": {"url": "http://127.0.0.1:%d", "namespace": "%s", "secret_ref": "test-porch"}}
                        """.formatted(repository, porch.getPort(), NS))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @AfterEach
    void stopPorch() {
        porch.destroy();
    }

    /** A PackageRevision as Porch serves it. */
    String revision(String lifecycle, String resourceVersion, int revision) {
        return revision(name, "upf-edge1", "v1", lifecycle, resourceVersion, revision);
    }

    String revision(String revisionName, String pkg, String workspace, String lifecycle, String rv, int revision) {
        return """
                {"apiVersion": "porch.kpt.dev/v1alpha2", "kind": "PackageRevision",
                 "metadata": {"name": "%s", "namespace": "%s", "resourceVersion": "%s",
                              "uid": "5d1c9a52-5f0e-4d43-9d3c-1f4b5e7f9a10",
                              "creationTimestamp": "2026-11-29T10:00:00Z"},
                 "spec": {"packageName": "%s", "repository": "%s", "workspaceName": "%s",
                          "lifecycle": "%s"},
                 "status": {"revision": %d, "publishedBy": "", "deployment": true}}
                """.formatted(revisionName, NS, rv, pkg, repository, workspace, lifecycle, revision);
    }

    /** A PackageRevisionResources as Porch serves it, with the Kptfile its init task wrote. */
    /** Porch answers one request of {@code method} on {@code path} with {@code status} and {@code body}. */
    private void porchOnce(String method, String path, int status, String body) {
        MockServerExpectation expect = porch.expect();
        Pathable<ReturnOrWebsocketable<TimesOnceableOrHttpHeaderable<Void>>> request = switch (method) {
            case "GET" -> expect.get();
            case "PUT" -> expect.put();
            case "POST" -> expect.post();
            case "DELETE" -> expect.delete();
            default -> throw new IllegalArgumentException(method);
        };
        request.withPath(path).andReturn(status, body).once();
    }

    String resources(String resourceVersion, String extraFile) {
        return """
                {"apiVersion": "porch.kpt.dev/v1alpha1", "kind": "PackageRevisionResources",
                 "metadata": {"name": "%s", "namespace": "%s", "resourceVersion": "%s"},
                 "spec": {"packageName": "upf-edge1", "repository": "%s", "workspaceName": "v1",
                          "resources": {"Kptfile": "apiVersion: kpt.dev/v1\\nkind: Kptfile\\nmetadata:\\n  name: upf-edge1\\ninfo:\\n  site: edge1\\n"%s}},
                 "status": {"renderStatus": {"result": {"exitCode": 0}}}}
                """.formatted(name, NS, resourceVersion, repository, extraFile);
    }

    static String status(int code, String reason, String message) {
        return """
                {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                 "message": "%s", "reason": "%s", "code": %d}
                """.formatted(message, reason, code);
    }

    RestTestClient.ResponseSpec action(String action) {
        return client.post()
                .uri("/api/v1/packages/{name}/" + action, name)
                .headers(tokens.as("operator"))
                .header("X-Correlation-Id", "corr-" + action)
                .exchange();
    }

    RestTestClient.ResponseSpec create() {
        return client.post()
                .uri("/api/v1/packages")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"package_name": "upf-edge1", "repository": "%s", "workspace_name": "v1",
                         "correlation_id": "corr-create",
                         "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"}}
                        """.formatted(repository))
                .exchange();
    }

    /** Porch's answers to a create: the Draft, then its resources read (twice: write reads the version) and replaced. */
    void expectCreate() {
        porchOnce("POST", REVISIONS, 201, revision("Draft", "1", 0));
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + name)
                .andReturn(200, resources("2", ""))
                .times(2);
        porchOnce("PUT", RESOURCES + "/" + name, 200, resources("3", ", \"deployment.yaml\": \"kind: Deployment\\n\""));
    }

    List<RecordedRequest> requests(int count) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        while (requests.size() < count) {
            RecordedRequest request = porch.takeRequest(5, TimeUnit.SECONDS);
            if (request == null) {
                break;
            }
            // every call, the health probe's included, carries the token porch.secret_ref names
            assertThat(request.getHeader("Authorization"))
                    .as("%s %s", request.getMethod(), request.getPath())
                    .isEqualTo("Bearer " + TOKEN);
            // the health probe of the registration is not part of the package calls
            if (!request.getPath().equals("/apis/porch.kpt.dev/v1alpha1")) {
                requests.add(request);
            }
        }
        return requests;
    }

    @Test
    void shouldCarryTheWholeLifecycleOutThroughPorchWithTheSameAnswersAndEventsAsGit() throws Exception {
        expectCreate();
        create().expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(name)
                .jsonPath("$.repository")
                .isEqualTo(repository)
                .jsonPath("$.lifecycle")
                .isEqualTo("Draft")
                .jsonPath("$.revision")
                .isEqualTo(0);
        List<RecordedRequest> sent = requests(4);
        assertThat(sent).extracting(RecordedRequest::getMethod).containsExactly("POST", "GET", "GET", "PUT");
        String draft = sent.get(0).getUtf8Body();
        assertThat(draft)
                .contains("\"lifecycle\":\"Draft\"")
                .contains("\"init\"")
                .contains("\"site\":\"edge1\"");
        // the object sent passes Porch's CRD schema (checked() throws naming the fields otherwise)
        new PorchApiBackend(null, NS, INSTANCE).checked(JSON.unmarshal(draft, GenericKubernetesResource.class));
        String written = sent.get(3).getUtf8Body();
        // the adapter's generated, rendered package replaces what Porch's init wrote, on the version read
        assertThat(written)
                .contains("\"resourceVersion\":\"2\"")
                .contains("deployment.yaml")
                .contains("service.yaml")
                .contains("function-config.yaml");

        porchOnce("GET", RESOURCES + "/" + name, 200, resources("3", ", \"deployment.yaml\": \"kind: Deployment\\n\""));
        client.get()
                .uri("/api/v1/packages/{name}/resources", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resources['deployment.yaml']")
                .isEqualTo("kind: Deployment\n");

        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Draft", "4", 0));
        porchOnce("PUT", REVISIONS + "/" + name, 200, revision("Proposed", "5", 0));
        action("propose")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Proposed");

        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Proposed", "5", 0));
        client.get()
                .uri("/api/v1/packages/{name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Proposed");

        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Proposed", "5", 0));
        porchOnce("PUT", REVISIONS + "/" + name, 200, revision("Published", "6", 3));
        action("approve")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Published")
                .jsonPath("$.revision")
                .isEqualTo(3);

        // listed from Porch: a revision created there by someone else is listed too
        String other = repository + ".amf-edge1.main";
        porchOnce(
                "GET",
                REVISIONS,
                200,
                "{\"apiVersion\": \"porch.kpt.dev/v1alpha2\", \"kind\": \"PackageRevisionList\","
                        + " \"metadata\": {\"resourceVersion\": \"7\"}, \"items\": [" + revision("Published", "6", 3)
                        + "," + revision(other, "amf-edge1", "main", "Draft", "2", 0) + "]}");
        client.get()
                .uri("/api/v1/packages?repository={repository}", repository)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.items[0].name")
                .isEqualTo(other)
                .jsonPath("$.items[1].name")
                .isEqualTo(name)
                .jsonPath("$.items[1].revision")
                .isEqualTo(3)
                .jsonPath("$.items[1].site")
                .isEqualTo("edge1");

        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Published", "7", 3));
        porchOnce("PUT", REVISIONS + "/" + name, 200, revision("DeletionProposed", "8", 3));
        action("propose-delete")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("DeletionProposed");

        porchOnce("DELETE", REVISIONS + "/" + name, 200, revision("DeletionProposed", "8", 3));
        client.delete()
                .uri("/api/v1/packages/{name}", name)
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isNoContent();
        client.get()
                .uri("/api/v1/packages/{name}", name)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();

        var events = jdbc.queryForList(
                "select envelope from outbox_event where event_type = 'PACKAGE_REVISION_CHANGED' and aggregate_id = ?"
                        + " order by id",
                String.class,
                name);
        assertThat(events).hasSize(5);
        assertThat(events.get(0)).contains("\"new_lifecycle\":\"Draft\"").contains("corr-create");
        assertThat(events.get(1)).contains("\"new_lifecycle\":\"Proposed\"").contains("corr-propose");
        assertThat(events.get(2)).contains("\"new_lifecycle\":\"Published\"").contains("\"revision\":3");
        assertThat(events.get(3)).contains("\"new_lifecycle\":\"DeletionProposed\"");
        assertThat(events.get(4)).contains("\"old_lifecycle\":\"DeletionProposed\"");
    }

    @Test
    void shouldAnswer409WhenPorchReportsTheResourcesChangedSinceTheyWereReadAndKeepTheDraft() throws Exception {
        expectCreate();
        create().expectStatus().isCreated();
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + name)
                .andReturn(200, resources("3", ""))
                .times(2);
        porch.expect()
                .put()
                .withPath(RESOURCES + "/" + name)
                .andReturn(
                        409,
                        status(
                                409,
                                "Conflict",
                                "Operation cannot be fulfilled on packagerevisionresources.porch.kpt.dev: the object"
                                        + " has been modified; please apply your changes to the latest version"))
                .once();

        client.put()
                .uri("/api/v1/packages/{name}/resources", name)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "resources",
                        Map.of(
                                "Kptfile",
                                "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: upf-edge1\n",
                                "cm.yaml",
                                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT")
                .jsonPath("$.detail")
                .value(detail -> assertThat(String.valueOf(detail)).doesNotContain("has been modified"));

        // the rejected edit changed nothing: still one event (the Draft's creation), same version
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where event_type = 'PACKAGE_REVISION_CHANGED'"
                                + " and aggregate_id = ?",
                        Integer.class,
                        name))
                .isEqualTo(1);
    }

    @Test
    void shouldAnswer409WhenTheLifecycleUpdateLosesARaceOnTheResourceVersion() {
        expectCreate();
        create().expectStatus().isCreated();
        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Draft", "4", 0));
        porchOnce("PUT", REVISIONS + "/" + name, 409, status(409, "Conflict", "the object has been modified"));

        action("propose")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT");

        // the index did not move: approving is still illegal for the Draft, decided without asking Porch
        action("approve")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ILLEGAL_STATE_TRANSITION")
                .jsonPath("$.current_lifecycle")
                .isEqualTo("Draft");
    }

    @Test
    void shouldAnswer404WhenPorchNoLongerHasTheRevisionAndTheIllegalTransitionPorchReports() {
        expectCreate();
        create().expectStatus().isCreated();
        porchOnce(
                "GET",
                REVISIONS + "/" + name,
                404,
                status(404, "NotFound", "packagerevisions.porch.kpt.dev \\\"" + name + "\\\" not found"));
        action("propose")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PACKAGE_NOT_FOUND");

        // someone published it on Porch directly: Porch's lifecycle is reported, nothing is sent
        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Published", "9", 1));
        action("propose")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ILLEGAL_STATE_TRANSITION")
                .jsonPath("$.current_lifecycle")
                .isEqualTo("Published");
    }

    @Test
    void shouldAdoptAMovePorchAlreadyMadeWhenTheIndexMissedItInsteadOfRefusingTheRetry() throws Exception {
        expectCreate();
        create().expectStatus().isCreated();
        requests(4);

        // the adapter died after Porch accepted the proposal and before its index recorded it: the retry adopts it
        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Proposed", "5", 0));
        action("propose")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Proposed");
        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Published", "6", 2));
        action("approve")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lifecycle")
                .isEqualTo("Published")
                .jsonPath("$.revision")
                .isEqualTo(2);

        assertThat(requests(2)).extracting(RecordedRequest::getMethod).containsExactly("GET", "GET");
        assertThat(porch.takeRequest(1, TimeUnit.SECONDS))
                .as("nothing written to Porch")
                .isNull();
        assertThat(jdbc.queryForObject(
                        "select lifecycle || ' ' || revision from package_revision where id = ?", String.class, name))
                .isEqualTo("PUBLISHED 2");
    }

    @Test
    void shouldFinishADeletePorchAlreadyCarriedOutInsteadOfKeepingTheIndexRowForever() {
        expectCreate();
        create().expectStatus().isCreated();

        porchOnce(
                "DELETE",
                REVISIONS + "/" + name,
                404,
                status(404, "NotFound", "packagerevisions.porch.kpt.dev \\\"" + name + "\\\" not found"));
        client.delete()
                .uri("/api/v1/packages/{name}", name)
                .headers(tokens.as("operator"))
                .exchange()
                .expectStatus()
                .isNoContent();

        assertThat(jdbc.queryForObject("select count(*) from package_revision where id = ?", Integer.class, name))
                .isZero();
    }

    @Test
    void shouldRemoveTheBareDraftFromPorchWhenItsFilesCannotBeWritten() throws Exception {
        porchOnce("POST", REVISIONS, 201, revision("Draft", "1", 0));
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + name)
                .andReturn(200, resources("2", ""))
                .times(2);
        porchOnce("PUT", RESOURCES + "/" + name, 409, status(409, "Conflict", "the object has been modified"));
        porchOnce("DELETE", REVISIONS + "/" + name, 200, revision("Draft", "2", 0));

        create().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("CONFLICT");

        assertThat(requests(5))
                .extracting(RecordedRequest::getMethod)
                .containsExactly("POST", "GET", "GET", "PUT", "DELETE");
        assertThat(jdbc.queryForObject("select count(*) from package_revision where id = ?", Integer.class, name))
                .isZero();
    }

    /** A PackageRevision as Porch serves it, marked as created by this adapter (the annotation it sets). */
    static String ours(String revision) {
        return markedBy(INSTANCE, revision);
    }

    /** A PackageRevision as Porch serves it, marked as created by the adapter deployment {@code instanceId}. */
    static String markedBy(String instanceId, String revision) {
        return revision.replace(
                "\"uid\":",
                "\"annotations\": {\"" + PorchApiBackend.CREATED_BY + "\": \"" + instanceId + "\"}, \"uid\":");
    }

    /** Porch's answer to a create whose name is taken. */
    String alreadyExists() {
        return status(409, "AlreadyExists", "packagerevisions.porch.kpt.dev \\\"" + name + "\\\" already exists");
    }

    @Test
    void shouldAdoptTheDraftAnEarlierAttemptLeftInPorchWhenTheRetriedCreateFindsItsName() throws Exception {
        // the first attempt died after Porch created the Draft and before the index row was written: Porch
        // answers the retry's create with AlreadyExists, and holds this adapter's Draft of the same package
        porchOnce("POST", REVISIONS, 409, alreadyExists());
        porchOnce("GET", REVISIONS + "/" + name, 200, ours(revision("Draft", "1", 0)));
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + name)
                .andReturn(200, resources("2", ""))
                .times(2);
        porchOnce("PUT", RESOURCES + "/" + name, 200, resources("3", ", \"deployment.yaml\": \"kind: Deployment\\n\""));

        create().expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(name)
                .jsonPath("$.lifecycle")
                .isEqualTo("Draft");

        List<RecordedRequest> sent = requests(5);
        assertThat(sent).extracting(RecordedRequest::getMethod).containsExactly("POST", "GET", "GET", "GET", "PUT");
        // the create carries the mark the adoption checks, and passes Porch's CRD schema with it
        String draft = sent.get(0).getUtf8Body();
        assertThat(draft).contains("\"" + PorchApiBackend.CREATED_BY + "\":\"" + INSTANCE + "\"");
        new PorchApiBackend(null, NS, INSTANCE).checked(JSON.unmarshal(draft, GenericKubernetesResource.class));
        // the adopted Draft gets the generated package, written on the version read
        assertThat(sent.get(4).getUtf8Body())
                .contains("\"resourceVersion\":\"2\"")
                .contains("deployment.yaml");
        assertThat(jdbc.queryForObject("select lifecycle from package_revision where id = ?", String.class, name))
                .isEqualTo("DRAFT");
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where event_type = 'PACKAGE_REVISION_CHANGED'"
                                + " and aggregate_id = ?",
                        Integer.class,
                        name))
                .isEqualTo(1);
    }

    @Test
    void shouldAnswer409AndLeaveItAloneWhenPorchHoldsSomeoneElsesRevisionOfThatName() throws Exception {
        // created by someone else (kpt, another tool): no mark of this adapter
        porchOnce("POST", REVISIONS, 409, alreadyExists());
        porchOnce("GET", REVISIONS + "/" + name, 200, revision("Draft", "1", 0));
        create().expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CONFLICT")
                .jsonPath("$.detail")
                .value(detail -> assertThat(String.valueOf(detail)).doesNotContain("already exists"));

        // this adapter's mark, but no longer a Draft: someone moved it on, it is not a leftover of a create
        porchOnce("POST", REVISIONS, 409, alreadyExists());
        porchOnce("GET", REVISIONS + "/" + name, 200, ours(revision("Proposed", "4", 0)));
        create().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("CONFLICT");

        // this adapter's mark on a Draft of another package under that name: not the revision asked for
        porchOnce("POST", REVISIONS, 409, alreadyExists());
        porchOnce("GET", REVISIONS + "/" + name, 200, ours(revision(name, "amf-edge1", "v1", "Draft", "1", 0)));
        create().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("CONFLICT");

        // a Draft of this very package, left by another adapter deployment sharing the namespace (the default id,
        // not this one's): its own retry may still adopt it, this deployment must not
        porchOnce("POST", REVISIONS, 409, alreadyExists());
        porchOnce(
                "GET",
                REVISIONS + "/" + name,
                200,
                markedBy(PorchApiBackend.DEFAULT_INSTANCE_ID, revision("Draft", "1", 0)));
        create().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("CONFLICT");

        // only reads after each refused create: nothing written over, nothing deleted
        assertThat(requests(8))
                .extracting(RecordedRequest::getMethod)
                .containsExactly("POST", "GET", "POST", "GET", "POST", "GET", "POST", "GET");
        assertThat(porch.takeRequest(1, TimeUnit.SECONDS))
                .as("nothing else sent")
                .isNull();
        // nothing indexed: the name is free for a retry
        assertThat(jdbc.queryForObject("select count(*) from package_revision where id = ?", Integer.class, name))
                .isZero();
    }

    /** A PackageRevisionResources of any revision of the repository, with {@code files} as Porch serves them. */
    String resourcesOf(
            String revisionName, String pkg, String workspace, String resourceVersion, Map<String, String> files) {
        return JSON.asJson(Map.of(
                "apiVersion", "porch.kpt.dev/v1alpha1",
                "kind", "PackageRevisionResources",
                "metadata", Map.of("name", revisionName, "namespace", NS, "resourceVersion", resourceVersion),
                "spec",
                        Map.of(
                                "packageName", pkg,
                                "repository", repository,
                                "workspaceName", workspace,
                                "resources", files),
                "status", Map.of("renderStatus", Map.of("result", Map.of("exitCode", 0)))));
    }

    static Map<String, String> upfFiles(String pkg, int replicas, String extraLabel) {
        return Map.of(
                "Kptfile",
                "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: " + pkg + "\ninfo:\n  site: edge1\n",
                "deployment.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: upf\n"
                        + (extraLabel == null ? "" : "  labels:\n    " + extraLabel + "\n")
                        + "spec:\n  replicas: " + replicas + "\n");
    }

    RestTestClient.ResponseSpec post(String uri, String body) {
        return client.post()
                .uri(uri)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    /**
     * Creates {@code upf-edge1} (workspace {@code workspace}) through the adapter and publishes it as {@code revision},
     * Porch answering each call; Porch then serves {@code files} as its resources. Answers the revision's name.
     */
    String publishUpstream(String workspace, int revision, Map<String, String> files) throws Exception {
        String upstream = repository + ".upf-edge1." + workspace;
        porchOnce("POST", REVISIONS, 201, revision(upstream, "upf-edge1", workspace, "Draft", "1", 0));
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + upstream)
                .andReturn(200, resourcesOf(upstream, "upf-edge1", workspace, "2", files))
                .times(2);
        porchOnce("PUT", RESOURCES + "/" + upstream, 200, resourcesOf(upstream, "upf-edge1", workspace, "3", files));
        post("/api/v1/packages", """
                        {"package_name": "upf-edge1", "repository": "%s", "workspace_name": "%s",
                         "cnf": {"function": "UPF", "site": "edge1", "replicas": 2, "namespace": "core"}}
                        """.formatted(repository, workspace))
                .expectStatus()
                .isCreated();
        porchOnce("GET", REVISIONS + "/" + upstream, 200, revision(upstream, "upf-edge1", workspace, "Draft", "4", 0));
        porchOnce(
                "PUT", REVISIONS + "/" + upstream, 200, revision(upstream, "upf-edge1", workspace, "Proposed", "5", 0));
        post("/api/v1/packages/" + upstream + "/propose", "{}").expectStatus().isOk();
        porchOnce(
                "GET", REVISIONS + "/" + upstream, 200, revision(upstream, "upf-edge1", workspace, "Proposed", "5", 0));
        porchOnce(
                "PUT",
                REVISIONS + "/" + upstream,
                200,
                revision(upstream, "upf-edge1", workspace, "Published", "6", revision));
        post("/api/v1/packages/" + upstream + "/approve", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(revision);
        assertThat(requests(8)).hasSize(8);
        return upstream;
    }

    @Test
    void shouldCloneAndUpgradeThroughPorchsCloneFromAndUpgradeSourcesWithTheMergedFilesWritten() throws Exception {
        String v1 = publishUpstream("v1", 1, upfFiles("upf-edge1", 2, null));

        // clone: Porch's cloneFrom names the upstream revision; the adapter's clone (Kptfile pointing upstream,
        // rendered) replaces what Porch's task produced
        String clone = repository + ".upf-site-a.v1";
        porchOnce(
                "GET",
                RESOURCES + "/" + v1,
                200,
                resourcesOf(v1, "upf-edge1", "v1", "6", upfFiles("upf-edge1", 2, null)));
        porchOnce("POST", REVISIONS, 201, revision(clone, "upf-site-a", "v1", "Draft", "7", 0));
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + clone)
                .andReturn(200, resourcesOf(clone, "upf-site-a", "v1", "8", upfFiles("upf-site-a", 2, null)))
                .times(2);
        porchOnce("PUT", RESOURCES + "/" + clone, 200, resourcesOf(clone, "upf-site-a", "v1", "9", Map.of()));
        post("/api/v1/packages", """
                        {"package_name": "upf-site-a", "repository": "%s", "workspace_name": "v1",
                         "clone_from": {"package_name": "upf-edge1", "revision": 1}}
                        """.formatted(repository))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(clone);
        List<RecordedRequest> cloned = requests(5);
        assertThat(cloned).extracting(RecordedRequest::getMethod).containsExactly("GET", "POST", "GET", "GET", "PUT");
        String cloneDraft = cloned.get(1).getUtf8Body();
        assertThat(cloneDraft).contains("\"cloneFrom\":{\"upstreamRef\":{\"name\":\"" + v1 + "\"}}");
        assertThat(cloneDraft).doesNotContain("\"init\"");
        new PorchApiBackend(null, NS, INSTANCE).checked(JSON.unmarshal(cloneDraft, GenericKubernetesResource.class));
        String cloneFiles = cloned.get(4).getUtf8Body();
        assertThat(cloneFiles)
                .contains("\"resourceVersion\":\"8\"")
                .contains("name: \\\"upf-site-a\\\"")
                .contains("upf-edge1/v1") // the Kptfile's upstream ref
                .contains("replicas: 2");

        // upstream v2 raises the replicas; the site's copy carries a local label: a clean three-way merge
        String v2 = publishUpstream("v2", 2, upfFiles("upf-edge1", 3, null));
        String upgraded = repository + ".upf-site-a.v2";
        porchOnce(
                "GET",
                RESOURCES + "/" + v2,
                200,
                resourcesOf(v2, "upf-edge1", "v2", "10", upfFiles("upf-edge1", 3, null)));
        porchOnce(
                "GET",
                RESOURCES + "/" + v1,
                200,
                resourcesOf(v1, "upf-edge1", "v1", "6", upfFiles("upf-edge1", 2, null)));
        porchOnce(
                "GET",
                RESOURCES + "/" + clone,
                200,
                resourcesOf(clone, "upf-site-a", "v1", "9", upfFiles("upf-site-a", 2, "site: a")));
        porchOnce("POST", REVISIONS, 201, revision(upgraded, "upf-site-a", "v2", "Draft", "11", 0));
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + upgraded)
                .andReturn(200, resourcesOf(upgraded, "upf-site-a", "v2", "12", upfFiles("upf-site-a", 3, null)))
                .times(2);
        porchOnce("PUT", RESOURCES + "/" + upgraded, 200, resourcesOf(upgraded, "upf-site-a", "v2", "13", Map.of()));
        post("/api/v1/packages/" + clone + "/upgrade", "{}")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(upgraded)
                .jsonPath("$.lifecycle")
                .isEqualTo("Draft");
        List<RecordedRequest> upgrade = requests(7);
        assertThat(upgrade)
                .extracting(RecordedRequest::getMethod)
                .containsExactly("GET", "GET", "GET", "POST", "GET", "GET", "PUT");
        String upgradeDraft = upgrade.get(3).getUtf8Body();
        assertThat(upgradeDraft)
                .contains("\"oldUpstream\":{\"name\":\"" + v1 + "\"}")
                .contains("\"newUpstream\":{\"name\":\"" + v2 + "\"}")
                .contains("\"currentPackage\":{\"name\":\"" + clone + "\"}");
        new PorchApiBackend(null, NS, INSTANCE).checked(JSON.unmarshal(upgradeDraft, GenericKubernetesResource.class));
        // the adapter's merge is what Porch keeps: upstream's new replicas and the site's label
        assertThat(upgrade.get(6).getUtf8Body())
                .contains("\"resourceVersion\":\"12\"")
                .contains("replicas: 3")
                .contains("site: \\\"a\\\"")
                .contains("upf-edge1/v2");
        assertThat(jdbc.queryForObject(
                        "select upstream_package || ' ' || upstream_revision from package_revision where id = ?",
                        String.class,
                        upgraded))
                .isEqualTo("upf-edge1 2");
    }

    @Test
    void shouldFanAVariantSetOutOnPorchAndReportTheSiteWhosePackageNamePorchHasTakenWithoutTouchingIt()
            throws Exception {
        String v1 = publishUpstream("v1", 1, upfFiles("upf-edge1", 2, null));
        String a = repository + ".upf-edge1-edge-a.v1";
        String b = repository + ".upf-edge1-edge-b.v1";
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + v1)
                .andReturn(200, resourcesOf(v1, "upf-edge1", "v1", "6", upfFiles("upf-edge1", 2, null)))
                .times(2);
        // edge-a: cloned through Porch, its files written, proposed and approved
        porchOnce("POST", REVISIONS, 201, revision(a, "upf-edge1-edge-a", "v1", "Draft", "7", 0));
        porch.expect()
                .get()
                .withPath(RESOURCES + "/" + a)
                .andReturn(200, resourcesOf(a, "upf-edge1-edge-a", "v1", "8", upfFiles("upf-edge1-edge-a", 2, null)))
                .times(2);
        porchOnce("PUT", RESOURCES + "/" + a, 200, resourcesOf(a, "upf-edge1-edge-a", "v1", "9", Map.of()));
        porchOnce("GET", REVISIONS + "/" + a, 200, revision(a, "upf-edge1-edge-a", "v1", "Draft", "9", 0));
        porchOnce("PUT", REVISIONS + "/" + a, 200, revision(a, "upf-edge1-edge-a", "v1", "Proposed", "10", 0));
        porchOnce("GET", REVISIONS + "/" + a, 200, revision(a, "upf-edge1-edge-a", "v1", "Proposed", "10", 0));
        porchOnce("PUT", REVISIONS + "/" + a, 200, revision(a, "upf-edge1-edge-a", "v1", "Published", "11", 1));
        // edge-b: Porch already holds someone else's revision of that name
        porchOnce(
                "POST", REVISIONS, 409, status(409, "AlreadyExists", "packagerevisions.porch.kpt.dev already exists"));
        porchOnce("GET", REVISIONS + "/" + b, 200, revision(b, "upf-edge1-edge-b", "v1", "Draft", "3", 0));

        post("/api/v1/packages/variants", """
                        {"name": "upf-sites-%s", "repository": "%s", "upstream": {"package_name": "upf-edge1"},
                         "sites": [{"site": "edge-a"}, {"site": "edge-b"}]}
                        """.formatted(repository, repository))
                .expectStatus()
                .isEqualTo(207)
                .expectBody()
                .jsonPath("$.succeeded")
                .isEqualTo(1)
                .jsonPath("$.failed")
                .isEqualTo(1)
                .jsonPath("$.sites[0].outcome")
                .isEqualTo("CREATED")
                .jsonPath("$.sites[0].revision.name")
                .isEqualTo(a)
                .jsonPath("$.sites[0].revision.lifecycle")
                .isEqualTo("Published")
                .jsonPath("$.sites[0].revision.revision")
                .isEqualTo(1)
                .jsonPath("$.sites[1].outcome")
                .isEqualTo("FAILED")
                .jsonPath("$.sites[1].error.code")
                .isEqualTo("CONFLICT");

        List<RecordedRequest> sent = requests(12);
        assertThat(sent)
                .extracting(r -> r.getMethod() + " " + r.getPath().replace(repository, "R"))
                .containsExactly(
                        "GET " + RESOURCES + "/R.upf-edge1.v1",
                        "POST " + REVISIONS,
                        "GET " + RESOURCES + "/R.upf-edge1-edge-a.v1",
                        "GET " + RESOURCES + "/R.upf-edge1-edge-a.v1",
                        "PUT " + RESOURCES + "/R.upf-edge1-edge-a.v1",
                        "GET " + REVISIONS + "/R.upf-edge1-edge-a.v1",
                        "PUT " + REVISIONS + "/R.upf-edge1-edge-a.v1",
                        "GET " + REVISIONS + "/R.upf-edge1-edge-a.v1",
                        "PUT " + REVISIONS + "/R.upf-edge1-edge-a.v1",
                        "GET " + RESOURCES + "/R.upf-edge1.v1",
                        "POST " + REVISIONS,
                        "GET " + REVISIONS + "/R.upf-edge1-edge-b.v1");
        assertThat(sent.get(1).getUtf8Body()).contains("\"cloneFrom\":{\"upstreamRef\":{\"name\":\"" + v1 + "\"}}");
        // the site's values, injected into the clone before it was written
        assertThat(sent.get(4).getUtf8Body()).contains("package-context.yaml").contains("edge-a");
        assertThat(porch.takeRequest(1, TimeUnit.SECONDS))
                .as("the other revision is not deleted")
                .isNull();
        assertThat(jdbc.queryForObject("select count(*) from package_revision where id in (?, ?)", Integer.class, a, b))
                .isEqualTo(1);
    }

    @Test
    void shouldAnswer404ForARepositoryNeitherGitNorPorchServes() {
        client.get()
                .uri("/api/v1/packages?repository=nowhere-at-all")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("REPOSITORY_NOT_FOUND");
    }

    @Test
    void shouldAnswer503NamingTheSecretRefWhenPorchRefusesTheTokenAndKeepNoRow() throws Exception {
        // a token that expired or lacks the RBAC verbs: the Kubernetes API server answers 401 / 403
        porch.expect()
                .post()
                .withPath(REVISIONS)
                .andReturn(401, status(401, "Unauthorized", "Unauthorized"))
                .always();
        create().expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SERVICE_UNAVAILABLE")
                .jsonPath("$.detail")
                .value(detail -> assertThat(String.valueOf(detail))
                        .contains("porch.secret_ref")
                        .doesNotContain(TOKEN));
        assertThat(requests(1)).extracting(RecordedRequest::getMethod).containsExactly("POST");
        assertThat(jdbc.queryForObject("select count(*) from package_revision where id = ?", Integer.class, name))
                .isZero();
        // the database holds the reference only
        assertThat(jdbc.queryForObject(
                        "select porch_secret_ref from package_repository where name = ?", String.class, repository))
                .isEqualTo("test-porch");
        assertThat(jdbc.queryForList("select * from package_repository where name = ?", repository)
                        .toString())
                .doesNotContain(TOKEN);
    }

    void listOn(String porchRepository) {
        client.get()
                .uri("/api/v1/packages?repository={repository}", porchRepository)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    @Test
    void shouldCallWithThePodsServiceAccountTokenReadAgainAfterItsRotation() throws Exception {
        // aiops.porch.porch-api.service-account-directory of application-test.yml stands in for
        // /var/run/secrets/kubernetes.io/serviceaccount
        Path serviceAccount = Path.of("target/test-serviceaccount");
        Files.deleteIfExists(serviceAccount.resolve("token"));
        String inCluster = "ic-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"name": "%s", "type": "porch",
                 "porch": {"url": "http://127.0.0.1:%d", "namespace": "%s", "secret_ref": "in-cluster"}}
                """.formatted(inCluster, porch.getPort(), NS);
        // no token file (not running in a pod): refused at registration, naming the field
        client.post()
                .uri("/api/v1/repositories")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("porch.secret_ref");

        Files.createDirectories(serviceAccount);
        Files.writeString(serviceAccount.resolve("token"), "sa-token-1\n");
        requests(1); // the probe of this class's own registration
        client.post()
                .uri("/api/v1/repositories")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.porch.secret_ref")
                .isEqualTo("in-cluster");
        RecordedRequest probe = porch.takeRequest(5, TimeUnit.SECONDS);
        assertThat(probe.getHeader("Authorization")).isEqualTo("Bearer sa-token-1");

        porch.expect()
                .get()
                .withPath(REVISIONS)
                .andReturn(
                        200,
                        "{\"apiVersion\": \"porch.kpt.dev/v1alpha2\", \"kind\": \"PackageRevisionList\","
                                + " \"metadata\": {\"resourceVersion\": \"1\"}, \"items\": []}")
                .always();
        listOn(inCluster);
        // the kubelet rewrites the token file in place; the next call builds its client with the new token
        Files.writeString(serviceAccount.resolve("token"), "sa-token-2\n");
        listOn(inCluster);
        List<String> sent = new ArrayList<>();
        for (RecordedRequest request = porch.takeRequest(5, TimeUnit.SECONDS);
                request != null;
                request = porch.takeRequest(1, TimeUnit.SECONDS)) {
            sent.add(request.getHeader("Authorization"));
        }
        assertThat(sent).first().isEqualTo("Bearer sa-token-1");
        assertThat(sent).last().isEqualTo("Bearer sa-token-2");
        Files.deleteIfExists(serviceAccount.resolve("token"));
    }
}
