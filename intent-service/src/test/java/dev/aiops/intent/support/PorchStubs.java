package dev.aiops.intent.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * porch-adapter's Packages API as WireMock answers it, in the contract's shape: creation (from a CNF spec or
 * by cloning), the lifecycle actions, and a revision's resources holding a real deployment.yaml. Approving
 * {@code change-N} publishes revision N+1, anything else revision 1.
 */
public final class PorchStubs {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private PorchStubs() {}

    public static void stub(WireMockServer porch) {
        porch.resetAll();
        porch.stubFor(
                post(urlEqualTo("/api/v1/packages")).willReturn(created("{{jsonPath request.body '$.cnf.site'}}")));
        porch.stubFor(get(urlPathEqualTo("/api/v1/packages")).willReturn(page()));
        porch.stubFor(post(urlEqualTo("/api/v1/packages"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.clone_from"))
                .willReturn(created("cloned")));
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/propose")).willReturn(action("Proposed", 0)));
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/approve")).willReturn(action("Published", 1)));
        for (int change = 1; change <= 3; change++) {
            porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+\\.change-" + change + "/approve"))
                    .atPriority(1)
                    .willReturn(action("Published", change + 1)));
        }
        porch.stubFor(post(urlPathMatching("/api/v1/packages/[^/]+/propose-delete"))
                .willReturn(action("DeletionProposed", 1)));
        porch.stubFor(get(urlPathMatching("/api/v1/packages/[^/]+/resources"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(JsonMapper.builder()
                                .build()
                                .writeValueAsString(Map.of(
                                        "name",
                                        "revision",
                                        "resource_version",
                                        7,
                                        "resources",
                                        Map.of(
                                                "Kptfile",
                                                "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: p\n",
                                                "deployment.yaml",
                                                SERIALIZATION.asYaml(deployment())))))));
        porch.stubFor(put(urlPathMatching("/api/v1/packages/[^/]+/resources"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"name\": \"revision\", \"resource_version\": 8, \"resources\": {}}")));
    }

    /** A deployment.yaml as porch-adapter generates it, in the parts a change edits. */
    static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("generated")
                .addToAnnotations("aiops.dev/security-profile", "restricted-v2")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", "generated")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app.kubernetes.io/name", "generated")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("nf")
                .withImage("registry.example/nf:1.0")
                .withNewResources()
                .addToRequests("cpu", new Quantity("1"))
                .addToRequests("memory", new Quantity("2Gi"))
                .addToLimits("cpu", new Quantity("2"))
                .addToLimits("memory", new Quantity("4Gi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Deployment parseDeployment(String yaml) {
        return SERIALIZATION.unmarshal(yaml, Deployment.class);
    }

    private static ResponseDefinitionBuilder created(String site) {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody(summary(
                        "{{jsonPath request.body '$.package_name'}}",
                        "{{jsonPath request.body '$.workspace_name'}}",
                        site,
                        0,
                        "Draft"));
    }

    /** A page of the package list holding the given revision summaries. */
    public static ResponseDefinitionBuilder page(String... summaries) {
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\": [" + String.join(",", summaries) + "], \"total\": " + summaries.length
                        + ", \"page\": 1, \"page_size\": 100, \"total_pages\": " + (summaries.length == 0 ? 0 : 1)
                        + "}");
    }

    public static String summary(String packageName, String workspace, String site, int revision, String lifecycle) {
        return """
                {"name": "default.%s.%s", "package_name": "%s", "repository": "default", "workspace_name": "%s",
                 "revision": %d, "lifecycle": "%s", "site": "%s",
                 "created_at": "2026-11-29T12:00:00Z", "updated_at": "2026-11-29T12:00:00Z"}""".formatted(packageName, workspace, packageName, workspace, revision, lifecycle, site);
    }

    /** An action's answer: the revision named in the path, in its new lifecycle. */
    public static ResponseDefinitionBuilder action(String lifecycle, int revision) {
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("""
                        {"name": "{{request.pathSegments.[3]}}", "package_name": "p", "repository": "default",
                         "workspace_name": "w", "revision": %d, "lifecycle": "%s", "site": "s",
                         "created_at": "2026-11-29T12:00:00Z", "updated_at": "2026-11-29T12:00:00Z"}""".formatted(revision, lifecycle));
    }
}
