package dev.aiops.porch.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.porch.generation.CnfSpec;
import dev.aiops.porch.generation.Manifests;
import dev.aiops.porch.generation.PackageGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KptRendererTests {

    static SortedMap<String, String> generated() {
        return PackageGenerator.generate(
                "amf-edge1",
                new CnfSpec(
                        "AMF",
                        "edge1",
                        2,
                        "core",
                        null,
                        null,
                        List.of(new CnfSpec.NetworkInterface("n2", "macvlan", "ens3", null)),
                        null,
                        Map.of("aiops.dev/slice", "embb")));
    }

    @Test
    void shouldSetNamespaceAndLabelsOnClusterResourcesButNotOnLocalConfig() {
        KptRenderer.Rendered rendered = KptRenderer.render(generated());

        Deployment deployment = (Deployment) Manifests.parse(rendered.files().get("deployment.yaml"));
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("core");
        assertThat(deployment.getMetadata().getLabels())
                .containsEntry("aiops.dev/site", "edge1")
                .containsEntry("aiops.dev/slice", "embb");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("aiops.dev/site", "edge1");
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).doesNotContainKey("aiops.dev/site");
        Service service = (Service) Manifests.parse(rendered.files().get("service.yaml"));
        assertThat(service.getMetadata().getNamespace()).isEqualTo("core");
        GenericKubernetesResource nad = (GenericKubernetesResource)
                Manifests.parse(Manifests.documents(rendered.files().get("network-attachment-def.yaml"))
                        .get(0));
        assertThat(nad.getMetadata().getNamespace()).isEqualTo("core");

        assertThat(rendered.files().get("Kptfile")).isEqualTo(generated().get("Kptfile"));
        assertThat(rendered.files().get("function-config.yaml")).doesNotContain("namespace:");
    }

    @Test
    void shouldApplyReplacementsFromTheConfigMapSiteIntoTheContainerEnv() {
        Deployment deployment = (Deployment)
                Manifests.parse(KptRenderer.render(generated()).files().get("deployment.yaml"));
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("SITE");
                    assertThat(env.getValue()).isEqualTo("edge1");
                });
    }

    @Test
    void shouldReportContainerFunctionsAsNotRunAndBuiltinsAsApplied() {
        SortedMap<String, String> files = new TreeMap<>(generated());
        files.put(
                "Kptfile",
                files.get("Kptfile")
                        .replace(
                                "mutators:\n",
                                "mutators:\n  - image: \"gcr.io/kpt-fn/starlark:v0.5\"\n    configPath: \"x.yaml\"\n"));
        RenderStatus status = KptRenderer.render(files).status();

        assertThat(status.complete()).isFalse();
        assertThat(status.items())
                .extracting(RenderStatus.FunctionResult::function, RenderStatus.FunctionResult::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "gcr.io/kpt-fn/starlark:v0.5", RenderStatus.Outcome.NOT_RUN),
                        org.assertj.core.groups.Tuple.tuple(
                                PackageGenerator.SET_LABELS_IMAGE, RenderStatus.Outcome.APPLIED),
                        org.assertj.core.groups.Tuple.tuple(
                                PackageGenerator.SET_NAMESPACE_IMAGE, RenderStatus.Outcome.APPLIED),
                        org.assertj.core.groups.Tuple.tuple(
                                PackageGenerator.APPLY_REPLACEMENTS_IMAGE, RenderStatus.Outcome.APPLIED),
                        org.assertj.core.groups.Tuple.tuple(
                                PackageGenerator.KUBECONFORM_IMAGE, RenderStatus.Outcome.NOT_RUN));
    }

    @Test
    void shouldBeIdempotentSoRenderingARenderedPackageChangesNothing() {
        SortedMap<String, String> once = KptRenderer.render(generated()).files();
        assertThat(KptRenderer.render(once).files()).isEqualTo(once);
    }

    @Test
    void shouldFailNamingTheReplacementWhenItsSourceIsMissing() {
        SortedMap<String, String> files = new TreeMap<>(generated());
        files.remove("configmap.yaml");
        assertThatThrownBy(() -> KptRenderer.render(files))
                .isInstanceOf(RenderException.class)
                .satisfies(e -> assertThat(((RenderException) e).field())
                        .isEqualTo("pipeline.mutators[2].replacements[0].source"));
    }

    @Test
    void shouldSplitFieldPathsOutsideBracketsOnly() {
        assertThat(Replacements.segments("spec.containers.[name=a.b].env.0.value"))
                .containsExactly("spec", "containers", "[name=a.b]", "env", "0", "value");
    }
}
