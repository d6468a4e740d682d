package dev.aiops.porch.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PackageGeneratorTests {

    static CnfSpec spec(String function, int replicas) {
        return new CnfSpec(
                function,
                "edge1",
                replicas,
                null,
                null,
                null,
                null,
                Map.of("log-level", "info"),
                Map.of("aiops.dev/sla-latency-ms", "10"));
    }

    static Deployment deployment(SortedMap<String, String> files) {
        return (Deployment) Manifests.parse(files.get(PackageGenerator.DEPLOYMENT));
    }

    @ParameterizedTest
    @EnumSource(CnfFunction.class)
    void shouldRoundTripEveryManifestThroughTheTypedModelUnchanged(CnfFunction function) {
        SortedMap<String, String> files =
                PackageGenerator.generate("pkg-" + function.dnsName(), spec(function.displayName(), 2));

        assertThat(files)
                .containsOnlyKeys(
                        "Kptfile", "deployment.yaml", "service.yaml", "configmap.yaml", "function-config.yaml");
        for (Map.Entry<String, String> file : files.entrySet()) {
            for (String document : Manifests.documents(file.getValue())) {
                HasMetadata typed = Manifests.parse(document);
                assertThat(Manifests.toYaml(typed)).as(file.getKey()).isEqualTo(document);
            }
        }
        assertThat(Manifests.parse(files.get("deployment.yaml"))).isInstanceOf(Deployment.class);
        assertThat(Manifests.parse(files.get("service.yaml"))).isInstanceOf(Service.class);
        assertThat(Manifests.parse(files.get("configmap.yaml"))).isInstanceOf(ConfigMap.class);
        assertThat(Manifests.parse(files.get("Kptfile"))).isInstanceOf(GenericKubernetesResource.class);
    }

    @Test
    void shouldGenerateByteIdenticalFilesForTheSameSpec() {
        CnfSpec spec = new CnfSpec(
                "UPF",
                "edge1",
                3,
                "core",
                null,
                new CnfSpec.Resources("4", "8Gi", null, null, "4Gi", null, null, null, true),
                List.of(
                        new CnfSpec.NetworkInterface("n3", "sriov", null, "10.0.3.0/24"),
                        new CnfSpec.NetworkInterface("n6", "macvlan", "ens2f1", null)),
                Map.of("b", "2", "a", "1", "c", "3"),
                Map.of("z", "1", "a", "2"));
        assertThat(PackageGenerator.generate("upf-edge1", spec))
                .isEqualTo(PackageGenerator.generate("upf-edge1", spec));
    }

    @Test
    void shouldWriteKptfileWithSiteKeywordsAndPipeline() {
        String kptfile = PackageGenerator.generate("amf-edge1", spec("AMF", 1)).get("Kptfile");
        assertThat(kptfile)
                .contains("kind: \"Kptfile\"")
                .contains("site: \"edge1\"")
                .contains("- \"5g-core\"")
                .contains("image: \"gcr.io/kpt-fn/set-labels:v0.2.0\"")
                .contains("image: \"gcr.io/kpt-fn/set-namespace:v0.4.1\"")
                .contains("namespace: \"5g-core\"")
                .contains("configPath: \"function-config.yaml\"")
                .contains("validators:")
                .contains("aiops.dev/sla-latency-ms: \"10\"");
    }

    @Test
    void shouldSpreadReplicasWithAntiAffinityOnlyFromTwoReplicas() {
        assertThat(deployment(PackageGenerator.generate("smf", spec("SMF", 1)))
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getAffinity())
                .isNull();
        var affinity = deployment(PackageGenerator.generate("smf", spec("SMF", 2)))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getAffinity();
        assertThat(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(term ->
                        assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    }

    @Test
    void shouldRunUnderRestrictedV2WhenTheFunctionAllowsIt() {
        Deployment amf = deployment(PackageGenerator.generate("amf", spec("AMF", 1)));
        Container container =
                amf.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isEmpty();
        assertThat(container.getSecurityContext().getRunAsUser())
                .as("OpenShift assigns the UID")
                .isNull();
        assertThat(amf.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getSecurityContext()
                        .getSeccompProfile()
                        .getType())
                .isEqualTo("RuntimeDefault");
        assertThat(amf.getMetadata().getAnnotations()).containsEntry("aiops.dev/security-profile", "restricted-v2");
        assertThat(container.getStartupProbe().getTcpSocket().getPort().getStrVal())
                .isEqualTo("sbi");
    }

    @Test
    void shouldDeclareADocumentedExceptionWithHugepagesSriovAndNadForDpdk() {
        CnfSpec spec = new CnfSpec(
                "UPF",
                "edge1",
                1,
                null,
                null,
                new CnfSpec.Resources("4", "8Gi", null, null, "4Gi", null, 1, "openshift.io/n3vf", true),
                List.of(
                        new CnfSpec.NetworkInterface("n3", "sriov", null, "10.0.3.0/24"),
                        new CnfSpec.NetworkInterface("n6", "macvlan", "ens2f1", null)),
                null,
                null);
        SortedMap<String, String> files = PackageGenerator.generate("upf-edge1", spec);
        Deployment upf = deployment(files);
        Container container =
                upf.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getSecurityContext().getCapabilities().getAdd())
                .containsExactly("IPC_LOCK", "NET_ADMIN", "NET_RAW", "SYS_NICE");
        assertThat(upf.getMetadata().getAnnotations())
                .containsEntry("aiops.dev/security-profile", "dpdk")
                .containsKey("aiops.dev/security-exception");
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(limits)
                .containsEntry("hugepages-1Gi", new Quantity("4Gi"))
                .containsEntry("openshift.io/n3vf", new Quantity("1"))
                .containsEntry("nvidia.com/gpu", new Quantity("1"))
                .containsEntry("cpu", new Quantity("4"));
        assertThat(upf.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("k8s.v1.cni.cncf.io/networks", "upf-edge1-n3@n3,upf-edge1-n6@n6");

        List<String> attachments = Manifests.documents(files.get("network-attachment-def.yaml"));
        assertThat(attachments).hasSize(2);
        GenericKubernetesResource n3 = (GenericKubernetesResource) Manifests.parse(attachments.get(0));
        assertThat(n3.getKind()).isEqualTo("NetworkAttachmentDefinition");
        assertThat(n3.getMetadata().getAnnotations())
                .containsEntry("k8s.v1.cni.cncf.io/resourceName", "openshift.io/n3vf");
        assertThat(attachments.get(0)).contains("\\\"type\\\":\\\"sriov\\\"").contains("whereabouts");
        assertThat(attachments.get(1)).contains("\\\"master\\\":\\\"ens2f1\\\"");
    }
}
