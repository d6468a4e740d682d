package dev.aiops.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelmChartTests {

    static final Set<String> SERVICES = Set.of(
            "gateway",
            "cluster-registry",
            "observability-collector",
            "intelligence-engine",
            "intent-service",
            "porch-adapter",
            "realtime-streaming");

    /** The two installations the chart is checked with: the required settings alone, and OpenShift's. */
    static List<List<Path>> installations() {
        return List.of(List.of(Chart.REQUIRED_VALUES), List.of(Chart.OPENSHIFT_VALUES));
    }

    static List<HasMetadata> render(List<Path> values) {
        return Chart.render(values.toArray(Path[]::new));
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static String serviceOf(HasMetadata object) {
        return object.getMetadata().getLabels().get("app.kubernetes.io/name");
    }

    @Nested
    class Values {

        @Test
        void shouldRefuseAnInstallThatNamesNoIssuerDatabaseOrCredentialKeys() {
            LintResult lint = Chart.lint();

            assertThat(lint.isFailed()).isTrue();
            assertThat(String.join("\n", lint.getMessages()))
                    .contains("security")
                    .contains("database")
                    .contains("credentialKeys");
            assertThatThrownBy(Chart::template).hasMessageContaining("values don't meet the specifications");
        }

        @Test
        void shouldLintCleanlyInStrictModeWithTheRequiredValues() {
            LintResult lint = Chart.lint(Chart.REQUIRED_VALUES);

            assertThat(lint.isFailed())
                    .as(String.join("\n", lint.getMessages()))
                    .isFalse();
        }

        @Test
        void shouldLintCleanlyInStrictModeWithTheOpenShiftValues() {
            LintResult lint = Chart.lint(Chart.OPENSHIFT_VALUES);

            assertThat(lint.isFailed())
                    .as(String.join("\n", lint.getMessages()))
                    .isFalse();
        }

        @Test
        void shouldFailOnATypoInValuesInsteadOfIgnoringIt() throws IOException {
            Path typo = Files.createTempFile("typo", ".yaml");
            Files.writeString(typo, "databse:\n  host: db\n");

            assertThatThrownBy(() -> Chart.template(Chart.REQUIRED_VALUES, typo))
                    .hasMessageContaining("databse");
        }

        @Test
        void shouldRefuseARemoteRepositoryOverPlainHttpOrNamedLikeTheEmbeddedOne() throws IOException {
            Path plainHttp = Files.createTempFile("remote", ".yaml");
            Files.writeString(
                    plainHttp,
                    "packages:\n  remoteRepositories:\n    - name: fleet\n      repo: http://git.example.com/p.git\n");
            Path shadowing = Files.createTempFile("remote", ".yaml");
            Files.writeString(
                    shadowing,
                    "packages:\n  remoteRepositories:\n    - name: packages\n      repo: https://git.example.com/p.git\n");

            assertThatThrownBy(() -> Chart.template(Chart.REQUIRED_VALUES, plainHttp))
                    .hasMessageContaining("remoteRepositories");
            assertThatThrownBy(() -> Chart.template(Chart.REQUIRED_VALUES, shadowing))
                    .hasMessageContaining("remoteRepositories");
        }

        @Test
        void shouldKeepDevModeOffAndLoopbackDeniedByDefault() {
            ConfigMap registryConfig = ofKind(render(List.of(Chart.REQUIRED_VALUES)), ConfigMap.class).stream()
                    .filter(c -> "cluster-registry".equals(serviceOf(c)))
                    .findFirst()
                    .orElseThrow();
            String yaml = registryConfig.getData().get("application.yaml");

            assertThat(yaml).contains("dev-mode: false").contains("allow-loopback: false");
        }
    }

    @Nested
    class Manifests {

        @ParameterizedTest
        @MethodSource("dev.aiops.deployment.HelmChartTests#installations")
        void shouldRenderOnlyKindsTheTypedModelsKnowWithoutUnknownFields(List<Path> values) {
            List<HasMetadata> objects = render(values);

            assertThat(objects).isNotEmpty().noneMatch(GenericKubernetesResource.class::isInstance);
            for (HasMetadata object : objects) {
                assertThat(UnknownFields.in(object))
                        .as("%s %s", object.getKind(), object.getMetadata().getName())
                        .isEmpty();
            }
        }

        @ParameterizedTest
        @MethodSource("dev.aiops.deployment.HelmChartTests#installations")
        void shouldGiveEveryServiceItsDeploymentServiceAutoscalerBudgetMonitorConfigAndPolicy(List<Path> values) {
            List<HasMetadata> objects = render(values);

            for (Class<? extends HasMetadata> kind : List.of(
                    Deployment.class, Service.class, ServiceMonitor.class, ConfigMap.class, NetworkPolicy.class)) {
                assertThat(servicesWith(objects, kind)).as(kind.getSimpleName()).containsAll(SERVICES);
            }
            // porch-adapter is one replica owning its package volume: no autoscaler, no budget to honour
            Set<String> scalable = new java.util.HashSet<>(SERVICES);
            scalable.remove("porch-adapter");
            for (Class<? extends HasMetadata> kind :
                    List.of(HorizontalPodAutoscaler.class, PodDisruptionBudget.class)) {
                assertThat(servicesWith(objects, kind)).as(kind.getSimpleName()).isEqualTo(scalable);
            }
        }

        static Set<String> servicesWith(List<HasMetadata> objects, Class<? extends HasMetadata> kind) {
            return ofKind(objects, kind).stream()
                    .map(HelmChartTests::serviceOf)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet());
        }

        @Test
        void shouldKeepThePackageRepositoryOnAVolumeThatOutlivesTheRelease() {
            List<HasMetadata> objects = render(List.of(Chart.OPENSHIFT_VALUES));

            PersistentVolumeClaim claim =
                    ofKind(objects, PersistentVolumeClaim.class).get(0);
            assertThat(claim.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("gp3-csi");
            Deployment porch = ofKind(objects, Deployment.class).stream()
                    .filter(d -> "porch-adapter".equals(serviceOf(d)))
                    .findFirst()
                    .orElseThrow();
            assertThat(porch.getSpec().getReplicas()).isEqualTo(1);
            assertThat(porch.getSpec().getStrategy().getType()).isEqualTo("Recreate");
            assertThat(porch.getSpec().getTemplate().getSpec().getVolumes().stream()
                            .filter(v -> v.getPersistentVolumeClaim() != null)
                            .map(v -> v.getPersistentVolumeClaim().getClaimName()))
                    .containsExactly(claim.getMetadata().getName());
            assertThat(config(objects, "porch-adapter")).contains("git-directory: /var/lib/aiops/packages.git");
        }

        @Test
        void shouldMarkThePorchRevisionsOfEachReleaseWithItsOwnInstanceId() throws IOException {
            // release "aiops" in namespace "aiops" (Chart.template): two releases sharing a Porch namespace differ
            assertThat(config(render(List.of(Chart.REQUIRED_VALUES)), "porch-adapter"))
                    .containsSubsequence("porch:", "porch-api:", "instance-id: \"aiops.aiops\"");

            Path named = Files.createTempFile("instance", ".yaml");
            Files.writeString(named, "packages:\n  porchInstanceId: ran-east\n");
            assertThat(config(render(List.of(Chart.REQUIRED_VALUES, named)), "porch-adapter"))
                    .contains("instance-id: \"ran-east\"")
                    .doesNotContain("aiops.aiops");
        }

        @Test
        void shouldServeRemoteRepositoriesWithCredentialsReadFromASecretNeverAConfigMap() throws IOException {
            Path remotes = Files.createTempFile("remotes", ".yaml");
            Files.writeString(remotes, """
                    packages:
                      remoteRepositories:
                        - name: fleet
                          repo: ssh://git@git.example.com:2222/fleet/packages.git
                          secretRef: fleet
                      credentials:
                        existingSecret: porch-repository-credentials
                    """);
            List<HasMetadata> objects = render(List.of(Chart.REQUIRED_VALUES, remotes));

            assertThat(config(objects, "porch-adapter"))
                    .as("the embedded repository stays first (the default), the remote follows with its reference")
                    .containsSubsequence(
                            "repositories:",
                            "- name: packages",
                            "- name: fleet",
                            "repo: \"ssh://git@git.example.com:2222/fleet/packages.git\"",
                            "secret-ref: fleet");
            Deployment porch = ofKind(objects, Deployment.class).stream()
                    .filter(d -> "porch-adapter".equals(serviceOf(d)))
                    .findFirst()
                    .orElseThrow();
            var pod = porch.getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes().stream()
                            .filter(v -> v.getSecret() != null)
                            .map(v -> v.getSecret().getSecretName()))
                    .containsExactly("porch-repository-credentials");
            var container = pod.getContainers().get(0);
            assertThat(container.getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getMountPath()).isEqualTo("/secrets/repositories");
                assertThat(m.getReadOnly()).isTrue();
            });
            assertThat(container.getEnv()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("SPRING_CONFIG_IMPORT");
                assertThat(e.getValue()).isEqualTo("optional:configtree:/secrets/repositories/");
            });

            Deployment plain = ofKind(render(List.of(Chart.REQUIRED_VALUES)), Deployment.class).stream()
                    .filter(d -> "porch-adapter".equals(serviceOf(d)))
                    .findFirst()
                    .orElseThrow();
            assertThat(plain.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getEnv())
                    .noneMatch(e -> e.getName().equals("SPRING_CONFIG_IMPORT"));
        }

        @Test
        void shouldConfigureTheModelAndTheConsoleOriginsFromValues() {
            List<HasMetadata> objects = render(List.of(Chart.OPENSHIFT_VALUES));

            assertThat(config(objects, "intelligence-engine"))
                    .contains("base-url: http://vllm.llm-serving.svc:8000/v1")
                    .contains("model: granite-3.1-8b-instruct");
            assertThat(config(objects, "realtime-streaming")).contains("- https://aiops.apps.ocp.example.com");
            assertThat(config(objects, "gateway"))
                    .as("the console's sign-in: its client at the platform's issuer")
                    .contains("issuer-uri: https://oauth-openshift.apps.ocp.example.com")
                    .contains("client-id: \"aiops-console\"");
            List<HasMetadata> required = render(List.of(Chart.REQUIRED_VALUES));
            assertThat(config(required, "intelligence-engine"))
                    .as("without a model the fallback assistant answers")
                    .doesNotContain("models:");
            assertThat(config(required, "gateway")).doesNotContain("client-id:");
        }

        static String config(List<HasMetadata> objects, String service) {
            return ofKind(objects, ConfigMap.class).stream()
                    .filter(c -> service.equals(serviceOf(c)))
                    .findFirst()
                    .orElseThrow()
                    .getData()
                    .get("application.yaml");
        }

        @Test
        void shouldPinEveryImageToTheChartsAppVersion() throws IOException {
            String appVersion = Files.readAllLines(Chart.DIR.resolve("Chart.yaml")).stream()
                    .filter(line -> line.startsWith("appVersion:"))
                    .map(line -> line.substring("appVersion:".length()).trim().replace("\"", ""))
                    .findFirst()
                    .orElseThrow();

            for (Deployment deployment : ofKind(render(List.of(Chart.REQUIRED_VALUES)), Deployment.class)) {
                assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
                        .allSatisfy(c -> assertThat(c.getImage())
                                .isEqualTo("quay.io/aiops-nextgen/" + serviceOf(deployment) + ":" + appVersion));
            }
        }

        @Test
        void shouldTakeSecretsOnlyByReference() {
            List<HasMetadata> objects = render(List.of(Chart.OPENSHIFT_VALUES));

            assertThat(ofKind(objects, Secret.class)).isEmpty();
            Deployment registry = ofKind(objects, Deployment.class).stream()
                    .filter(d -> "cluster-registry".equals(serviceOf(d)))
                    .findFirst()
                    .orElseThrow();
            Map<String, String> secretRefs =
                    registry.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                            .filter(e ->
                                    e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                            .collect(Collectors.toMap(
                                    EnvVar::getName,
                                    e -> e.getValueFrom().getSecretKeyRef().getName()));
            assertThat(secretRefs)
                    .containsEntry("DB_PASSWORD", "aiops-database")
                    .containsEntry("REDIS_PASSWORD", "aiops-redis")
                    .containsEntry("SERVICE_TOKEN", "aiops-service-token")
                    .containsEntry("CREDENTIAL_KEY_K1", "aiops-credential-keys");
        }

        @Test
        void shouldExposeTheGatewayThroughAnEdgeRouteOnOpenShiftAndAnIngressElsewhere() throws IOException {
            List<Route> routes = ofKind(render(List.of(Chart.OPENSHIFT_VALUES)), Route.class);
            assertThat(routes).singleElement().satisfies(route -> {
                assertThat(route.getSpec().getTls().getTermination()).isEqualTo("edge");
                assertThat(route.getSpec().getTo().getName()).isEqualTo("aiops-aiops-nextgen-gateway");
                assertThat(route.getSpec().getHost()).isEqualTo("aiops.apps.ocp.example.com");
            });

            Path kubernetes = Files.createTempFile("kubernetes", ".yaml");
            Files.writeString(kubernetes, "route:\n  enabled: false\ningress:\n  enabled: true\n  className: nginx\n");
            List<HasMetadata> plain = render(List.of(Chart.REQUIRED_VALUES, kubernetes));
            assertThat(ofKind(plain, Route.class)).isEmpty();
            assertThat(ofKind(plain, Ingress.class))
                    .singleElement()
                    .satisfies(ingress -> assertThat(ingress.getSpec()
                                    .getRules()
                                    .get(0)
                                    .getHttp()
                                    .getPaths()
                                    .get(0)
                                    .getBackend()
                                    .getService()
                                    .getName())
                            .isEqualTo("aiops-aiops-nextgen-gateway"));
        }

        @Test
        void shouldLetOnlyTheGatewayAndTheServicesThatNeedItReachTheRegistry() {
            NetworkPolicy registry = ofKind(render(List.of(Chart.REQUIRED_VALUES)), NetworkPolicy.class).stream()
                    .filter(p -> "cluster-registry".equals(serviceOf(p)))
                    .findFirst()
                    .orElseThrow();

            Set<String> podPeers = registry.getSpec().getIngress().get(0).getFrom().stream()
                    .map(NetworkPolicyPeer::getPodSelector)
                    .filter(Objects::nonNull)
                    .map(s -> s.getMatchLabels().get("app.kubernetes.io/name"))
                    .collect(Collectors.toSet());
            assertThat(podPeers)
                    .containsExactlyInAnyOrder(
                            "gateway",
                            "observability-collector",
                            "intelligence-engine",
                            "intent-service",
                            "porch-adapter");
            assertThat(registry.getSpec().getPolicyTypes()).containsExactly("Ingress");
        }

        @Test
        void shouldShipTheRulesFilePromtoolTestsAsThePrometheusRule() throws IOException {
            PrometheusRule rule = ofKind(render(List.of(Chart.REQUIRED_VALUES)), PrometheusRule.class)
                    .get(0);
            Map<String, Object> file = Chart.readYaml(Chart.DIR.resolve("files/prometheus/platform-rules.yml"));

            assertThat(rule.getSpec().getGroups())
                    .<String>extracting(g -> g.getName())
                    .containsExactlyElementsOf(((List<?>) file.get("groups"))
                            .stream()
                                    .map(g -> String.valueOf(((Map<?, ?>) g).get("name")))
                                    .toList());
            assertThat(rule.getSpec().getGroups().stream()
                            .flatMap(g -> g.getRules().stream())
                            .map(r -> r.getAlert()))
                    .contains("AiopsServiceDown", "AiopsOutboxBacklogGrowing", "AiopsHealthChecksBehindSchedule");
        }

        @Test
        void shouldShipEveryDashboardAsAConfigMapTheGrafanaSidecarPicksUp() throws IOException {
            Set<String> dashboards;
            try (var files = Files.list(Chart.DIR.resolve("files/dashboards"))) {
                dashboards = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
            }
            List<ConfigMap> shipped = ofKind(render(List.of(Chart.REQUIRED_VALUES)), ConfigMap.class).stream()
                    .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
                    .toList();

            assertThat(shipped.stream().flatMap(c -> c.getData().keySet().stream()))
                    .containsExactlyInAnyOrderElementsOf(dashboards);
        }
    }

    @Nested
    class RestrictedV2 {

        /** What OpenShift's restricted-v2 SCC admits, checked on every pod the chart renders. */
        @ParameterizedTest
        @MethodSource("dev.aiops.deployment.HelmChartTests#installations")
        void shouldRenderPodsThatRestrictedV2AdmitsUnchanged(List<Path> values) {
            for (Deployment deployment : ofKind(render(values), Deployment.class)) {
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                String name = deployment.getMetadata().getName();

                assertThat(pod.getHostNetwork()).as(name).isNotEqualTo(Boolean.TRUE);
                assertThat(pod.getHostPID()).as(name).isNotEqualTo(Boolean.TRUE);
                assertThat(pod.getHostIPC()).as(name).isNotEqualTo(Boolean.TRUE);
                assertThat(pod.getVolumes())
                        .as(name)
                        .allSatisfy(v -> assertThat(v.getHostPath()).isNull());
                // The namespace's UID range is assigned by the SCC: a fixed UID, GID or fsGroup is refused.
                assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isNull();
                assertThat(pod.getSecurityContext().getFsGroup()).as(name).isNull();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                        .as(name)
                        .isEqualTo("RuntimeDefault");

                for (Container container : pod.getContainers()) {
                    var sc = container.getSecurityContext();
                    assertThat(sc.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
                    assertThat(sc.getAllowPrivilegeEscalation()).as(name).isFalse();
                    assertThat(sc.getRunAsUser()).as(name).isNull();
                    assertThat(sc.getReadOnlyRootFilesystem()).as(name).isTrue();
                    assertThat(sc.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                    assertThat(sc.getCapabilities().getAdd()).as(name).isNullOrEmpty();
                    assertThat(container.getPorts())
                            .allSatisfy(p -> assertThat(p.getHostPort()).isNull());
                    assertThat(container.getLivenessProbe().getHttpGet().getPath())
                            .isEqualTo("/actuator/health/liveness");
                    assertThat(container.getReadinessProbe().getHttpGet().getPath())
                            .isEqualTo("/actuator/health/readiness");
                }
            }
        }
    }
}
