package dev.aiops.porch.porchapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.error.ApiException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Porch API backend against fabric8's mock API server answering with the payloads a Porch server sends
 * (PackageRevision / PackageRevisionResources objects, metav1.Status errors).
 */
class PorchApiBackendTests {

    static final String NS = "porch-demo";
    static final String REVISIONS = "/apis/porch.kpt.dev/v1alpha2/namespaces/" + NS + "/packagerevisions";
    static final String RESOURCES = "/apis/porch.kpt.dev/v1alpha1/namespaces/" + NS + "/packagerevisionresources";
    static final String NAME = "edge.upf-edge1.v1";
    static final KubernetesSerialization JSON = new KubernetesSerialization();

    KubernetesMockServer server;
    KubernetesClient client;
    PorchApiBackend porch;

    @BeforeEach
    void porchServer() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient();
        porch = new PorchApiBackend(client, NS, PorchApiBackend.DEFAULT_INSTANCE_ID);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    /** A PackageRevision as Porch serves it. */
    static String revision(String lifecycle, String resourceVersion, int revision) {
        return """
                {"apiVersion": "porch.kpt.dev/v1alpha2", "kind": "PackageRevision",
                 "metadata": {"name": "%s", "namespace": "%s", "resourceVersion": "%s",
                              "uid": "5d1c9a52-5f0e-4d43-9d3c-1f4b5e7f9a10",
                              "creationTimestamp": "2026-11-29T10:00:00Z"},
                 "spec": {"packageName": "upf-edge1", "repository": "edge", "workspaceName": "v1",
                          "lifecycle": "%s"},
                 "status": {"revision": %d, "publishedBy": "", "deployment": true}}
                """.formatted(NAME, NS, resourceVersion, lifecycle, revision);
    }

    static String status(int code, String reason) {
        return """
                {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                 "message": "packagerevisions.porch.kpt.dev \\"%s\\" %s", "reason": "%s", "code": %d}
                """.formatted(NAME, reason.equals("NotFound") ? "not found" : "conflict", reason, code);
    }

    RecordedRequest request(String method) throws InterruptedException {
        for (RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
                request != null;
                request = server.takeRequest(5, TimeUnit.SECONDS)) {
            if (request.getMethod().equals(method)) {
                return request;
            }
        }
        throw new AssertionError("no " + method + " request reached the server");
    }

    @Test
    void shouldCreateADraftPackageRevisionThatValidatesAgainstTheCrd() throws Exception {
        server.expect()
                .post()
                .withPath(REVISIONS)
                .andReturn(201, revision("Draft", "1", 0))
                .once();

        GenericKubernetesResource created = porch.createDraft(
                "edge", "upf-edge1", "v1", PorchApiBackend.init("UPF for edge1", "edge1", List.of("5g-core")));

        assertThat(created.getMetadata().getResourceVersion()).isEqualTo("1");
        String sent = request("POST").getUtf8Body(); // the body can be read once
        GenericKubernetesResource body = JSON.unmarshal(sent, GenericKubernetesResource.class);
        assertThat(body.getMetadata().getName()).isEqualTo(NAME);
        assertThat(sent)
                .contains("\"lifecycle\":\"Draft\"")
                .contains("\"site\":\"edge1\"")
                .contains("\"workspaceName\":\"v1\"");
        assertThat(new PorchSchemas().validate(body)).isEmpty();
    }

    @Test
    void shouldReplaceResourcesOnTheVersionReadAndMapPorchs409ToConflict() throws Exception {
        String prr = """
                {"apiVersion": "porch.kpt.dev/v1alpha1", "kind": "PackageRevisionResources",
                 "metadata": {"name": "%s", "namespace": "%s", "resourceVersion": "5"},
                 "spec": {"packageName": "upf-edge1", "repository": "edge", "workspaceName": "v1",
                          "resources": {"Kptfile": "apiVersion: kpt.dev/v1\\nkind: Kptfile\\n"}},
                 "status": {"renderStatus": {"result": {"exitCode": 0}}}}
                """.formatted(NAME, NS);
        server.expect()
                .get()
                .withPath(RESOURCES + "/" + NAME)
                .andReturn(200, prr)
                .times(2);
        server.expect()
                .put()
                .withPath(RESOURCES + "/" + NAME)
                .andReturn(200, prr.replace("\"5\"", "\"6\""))
                .once();
        server.expect()
                .put()
                .withPath(RESOURCES + "/" + NAME)
                .andReturn(409, status(409, "Conflict"))
                .once();

        GenericKubernetesResource updated = porch.updateResources(
                NAME,
                Map.of("Kptfile", "apiVersion: kpt.dev/v1\nkind: Kptfile\n", "cm.yaml", "kind: ConfigMap\n"),
                "5");

        assertThat(updated.getMetadata().getResourceVersion()).isEqualTo("6");
        String put = request("PUT").getUtf8Body();
        assertThat(put)
                .contains("\"resourceVersion\":\"5\"")
                .contains("cm.yaml")
                .doesNotContain("renderStatus");

        assertThatThrownBy(() -> porch.updateResources(NAME, Map.of("Kptfile", "x"), "5"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void shouldProposeAndApproveByUpdatingTheLifecycleOnTheResourceVersionRead() throws Exception {
        server.expect()
                .get()
                .withPath(REVISIONS + "/" + NAME)
                .andReturn(200, revision("Draft", "7", 0))
                .once();
        server.expect()
                .put()
                .withPath(REVISIONS + "/" + NAME)
                .andReturn(200, revision("Proposed", "8", 0))
                .once();
        server.expect()
                .get()
                .withPath(REVISIONS + "/" + NAME)
                .andReturn(200, revision("Proposed", "8", 0))
                .once();
        server.expect()
                .put()
                .withPath(REVISIONS + "/" + NAME)
                .andReturn(200, revision("Published", "9", 1))
                .once();

        GenericKubernetesResource proposed = porch.propose(NAME);
        assertThat(proposed.getAdditionalProperties().get("spec").toString()).contains("lifecycle=Proposed");
        RecordedRequest propose = request("PUT");
        assertThat(propose.getPath()).isEqualTo(REVISIONS + "/" + NAME);
        assertThat(propose.getUtf8Body()).contains("\"lifecycle\":\"Proposed\"").contains("\"resourceVersion\":\"7\"");

        GenericKubernetesResource published = porch.approve(NAME);
        assertThat(published.getAdditionalProperties().get("spec").toString()).contains("lifecycle=Published");
        assertThat(published.getAdditionalProperties().get("status").toString()).contains("revision=1");
        RecordedRequest approve = request("PUT");
        assertThat(approve.getPath()).isEqualTo(REVISIONS + "/" + NAME);
        assertThat(approve.getUtf8Body())
                .contains("\"lifecycle\":\"Published\"")
                .contains("\"resourceVersion\":\"8\"");
    }

    @Test
    void shouldRefuseToApproveADraftWithItsLifecycleAndSendNothing() throws Exception {
        server.expect()
                .get()
                .withPath(REVISIONS + "/" + NAME)
                .andReturn(200, revision("Draft", "3", 0))
                .once();

        assertThatThrownBy(() -> porch.approve(NAME)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_STATE_TRANSITION);
            assertThat(e.properties()).containsEntry("current_lifecycle", "Draft");
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void shouldMapPorchs404ToPackageNotFound() {
        server.expect()
                .get()
                .withPath(REVISIONS + "/" + NAME)
                .andReturn(404, status(404, "NotFound"))
                .always();
        server.expect()
                .post()
                .withPath(REVISIONS)
                .andReturn(409, status(409, "AlreadyExists"))
                .once();

        assertThatThrownBy(() -> porch.propose(NAME))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_NOT_FOUND));
        assertThatThrownBy(() ->
                        porch.createDraft("edge", "upf-edge1", "v1", PorchApiBackend.cloneFrom("blueprints.upf.v3")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void shouldSendAPackageVariantAndARepositoryThatValidateAgainstTheirCrds() throws Exception {
        String variants = "/apis/config.porch.kpt.dev/v1alpha1/namespaces/" + NS + "/packagevariants";
        String repositories = "/apis/config.porch.kpt.dev/v1alpha1/namespaces/" + NS + "/repositories";
        server.expect()
                .post()
                .withPath(variants)
                .andReturn(
                        201,
                        "{\"apiVersion\": \"config.porch.kpt.dev/v1alpha1\","
                                + " \"kind\": \"PackageVariant\", \"metadata\": {\"name\": \"upf-edge1\"}}")
                .once();
        server.expect()
                .post()
                .withPath(repositories)
                .andReturn(
                        201,
                        "{\"apiVersion\": \"config.porch.kpt.dev/v1alpha1\","
                                + " \"kind\": \"Repository\", \"metadata\": {\"name\": \"edge\"}}")
                .once();

        porch.createVariant(
                "upf-edge1",
                Map.of("repo", "blueprints", "package", "upf", "revision", 3),
                Map.of("repo", "edge", "package", "upf-edge1"),
                "adoptExisting",
                "orphan",
                Map.of("site", "edge1"));
        String variant = request("POST").getUtf8Body();
        assertThat(variant).contains("\"adoptionPolicy\":\"adoptExisting\"").contains("\"packageContext\"");
        assertThat(new PorchSchemas().validate(JSON.unmarshal(variant, GenericKubernetesResource.class)))
                .isEmpty();

        porch.registerRepository("edge", "https://git.example.com/edge.git", "main", "/", "git-creds", true);
        String repository = request("POST").getUtf8Body();
        assertThat(repository).contains("\"secretRef\":{\"name\":\"git-creds\"}");
        assertThat(new PorchSchemas().validate(JSON.unmarshal(repository, GenericKubernetesResource.class)))
                .isEmpty();
    }

    @Test
    void shouldRejectObjectsTheCrdSchemasDoNotAdmitNamingEachFieldAndSendNothing() {
        GenericKubernetesResource variant = JSON.unmarshal("""
                {"apiVersion": "config.porch.kpt.dev/v1alpha1", "kind": "PackageVariant",
                 "metadata": {"name": "bad"},
                 "spec": {"upstream": {"repo": "blueprints", "package": "upf", "revision": "v3"}, "adoptionPolicy": 5,
                          "injectors": [{"kind": "ConfigMap"}], "sites": ["edge1"]}}
                """, GenericKubernetesResource.class);
        assertThatThrownBy(() -> porch.checked(variant))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .contains(
                                        "spec.upstream.revision",
                                        "spec.adoptionPolicy",
                                        "spec.injectors[0].name",
                                        "spec.sites"));

        GenericKubernetesResource revision =
                JSON.unmarshal(revision("Approved", "1", 0), GenericKubernetesResource.class);
        assertThat(new PorchSchemas().validate(revision))
                .extracting(FieldViolation::field)
                .containsExactly("spec.lifecycle");
        assertThat(server.getRequestCount()).isZero();
    }
}
