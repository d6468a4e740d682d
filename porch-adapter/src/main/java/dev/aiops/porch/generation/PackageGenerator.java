package dev.aiops.porch.generation;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a validated {@link CnfSpec} into the files of a kpt package, before rendering. Deterministic by
 * construction: every map is filled in sorted or fixed order and everything is written by
 * {@link Manifests}, so the same spec always gives byte-identical files.
 *
 * <p>Security: pods run under what OpenShift's {@code restricted-v2} SCC admits (non-root, no privilege
 * escalation, every capability dropped, RuntimeDefault seccomp, no fixed UID). Two cases cannot: a DPDK
 * data plane (locks hugepage memory, drives the NIC from user space: IPC_LOCK, NET_ADMIN, NET_RAW,
 * SYS_NICE) and the UPF's kernel GTP-U datapath (NET_ADMIN, NET_RAW). Those pods say so in the
 * {@value #SECURITY_PROFILE} and {@value #SECURITY_EXCEPTION} annotations; the platform team binds a
 * custom SCC granting exactly those capabilities to the namespace, never {@code privileged}.
 */
public final class PackageGenerator {

    public static final String KPTFILE = "Kptfile";
    public static final String DEPLOYMENT = "deployment.yaml";
    public static final String SERVICE = "service.yaml";
    public static final String CONFIGMAP = "configmap.yaml";
    public static final String NETWORK_ATTACHMENTS = "network-attachment-def.yaml";
    public static final String FUNCTION_CONFIG = "function-config.yaml";

    public static final String SITE_LABEL = "aiops.dev/site";
    static final String SECURITY_PROFILE = "aiops.dev/security-profile";
    static final String SECURITY_EXCEPTION = "aiops.dev/security-exception";
    static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";
    static final String SITE_PLACEHOLDER = "unset";
    static final String DEFAULT_SRIOV_RESOURCE = "intel.com/sriov_netdevice";

    // Porch runs these three without containers; the validator below needs one and is reported as not run.
    public static final String SET_LABELS_IMAGE = "gcr.io/kpt-fn/set-labels:v0.2.0";
    public static final String SET_NAMESPACE_IMAGE = "gcr.io/kpt-fn/set-namespace:v0.4.1";
    public static final String APPLY_REPLACEMENTS_IMAGE = "gcr.io/kpt-fn/apply-replacements:v0.1.1";
    public static final String KUBECONFORM_IMAGE = "gcr.io/kpt-fn/kubeconform:v0.1.1";

    private PackageGenerator() {}

    /** The package's files by name; call only with a spec {@link CnfSpecValidator} accepted. */
    public static SortedMap<String, String> generate(String packageName, CnfSpec spec) {
        CnfFunction function = CnfFunction.parse(spec.function())
                .orElseThrow(() -> new IllegalArgumentException("unknown function " + spec.function()));
        String namespace =
                spec.namespace() != null ? spec.namespace() : function.family().label();
        SortedMap<String, String> files = new TreeMap<>();
        files.put(KPTFILE, Manifests.toYaml(kptfile(packageName, function, spec, namespace)));
        files.put(DEPLOYMENT, Manifests.toYaml(deployment(packageName, function, spec)));
        files.put(SERVICE, Manifests.toYaml(service(packageName, function)));
        files.put(CONFIGMAP, Manifests.toYaml(configMap(packageName, function, spec)));
        files.put(FUNCTION_CONFIG, Manifests.toYaml(replacements(packageName, function)));
        List<CnfSpec.NetworkInterface> interfaces = interfaces(spec);
        if (!interfaces.isEmpty()) {
            List<GenericKubernetesResource> attachments = new ArrayList<>();
            for (CnfSpec.NetworkInterface nic : interfaces) {
                attachments.add(networkAttachment(packageName, nic, sriovResource(spec)));
            }
            files.put(NETWORK_ATTACHMENTS, Manifests.toYaml(attachments));
        }
        return files;
    }

    static Map<String, String> selectorLabels(String packageName, CnfFunction function) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/instance", packageName);
        labels.put("app.kubernetes.io/name", function.dnsName());
        return labels;
    }

    static Map<String, String> baseLabels(String packageName, CnfFunction function) {
        Map<String, String> labels = new TreeMap<>(selectorLabels(packageName, function));
        labels.put("app.kubernetes.io/component", "network-function");
        labels.put("app.kubernetes.io/managed-by", "aiops-nextgen");
        labels.put("app.kubernetes.io/part-of", function.family().label());
        return labels;
    }

    private static GenericKubernetesResource kptfile(
            String packageName, CnfFunction function, CnfSpec spec, String namespace) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("site", spec.site());
        info.put(
                "description", function.displayName() + " (" + function.family().label() + ") for site " + spec.site());
        info.put("keywords", List.of(function.family().label(), function.dnsName(), "site-" + spec.site()));

        Map<String, String> labels = new TreeMap<>(spec.labels() == null ? Map.of() : spec.labels());
        labels.put(SITE_LABEL, spec.site());

        List<Map<String, Object>> mutators = new ArrayList<>();
        mutators.add(function(SET_LABELS_IMAGE, "set-labels", "configMap", labels));
        mutators.add(function(SET_NAMESPACE_IMAGE, "set-namespace", "configMap", Map.of("namespace", namespace)));
        mutators.add(function(APPLY_REPLACEMENTS_IMAGE, "apply-replacements", "configPath", FUNCTION_CONFIG));
        Map<String, Object> validatorConfig = new LinkedHashMap<>();
        validatorConfig.put("ignore_missing_schemas", "true");
        validatorConfig.put("strict", "true");
        List<Map<String, Object>> validators =
                List.of(function(KUBECONFORM_IMAGE, "kubeconform", "configMap", validatorConfig));
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("mutators", mutators);
        pipeline.put("validators", validators);

        return new GenericKubernetesResourceBuilder()
                .withApiVersion("kpt.dev/v1")
                .withKind("Kptfile")
                .withNewMetadata()
                .withName(packageName)
                .addToAnnotations(LOCAL_CONFIG, "true")
                .endMetadata()
                .addToAdditionalProperties("info", info)
                .addToAdditionalProperties("pipeline", pipeline)
                .build();
    }

    private static Map<String, Object> function(String image, String name, String configKey, Object config) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("image", image);
        function.put("name", name);
        function.put(configKey, config);
        return function;
    }

    private static Deployment deployment(String packageName, CnfFunction function, CnfSpec spec) {
        int replicas = spec.replicas() == null ? 1 : spec.replicas();
        boolean dpdk =
                spec.resources() != null && Boolean.TRUE.equals(spec.resources().dpdk());
        boolean privileged = dpdk || function.needsNetAdmin();
        Map<String, String> annotations = new TreeMap<>();
        if (privileged) {
            annotations.put(SECURITY_PROFILE, dpdk ? "dpdk" : "net-admin");
            annotations.put(
                    SECURITY_EXCEPTION,
                    dpdk
                            ? "DPDK locks hugepage memory and drives the NIC from user space: needs IPC_LOCK, NET_ADMIN,"
                                    + " NET_RAW, SYS_NICE through a custom SCC; restricted-v2 does not admit it"
                            : function.displayName() + " programs the kernel GTP-U datapath: needs NET_ADMIN, NET_RAW"
                                    + " through a custom SCC; restricted-v2 does not admit it");
        } else {
            annotations.put(SECURITY_PROFILE, "restricted-v2");
        }
        Map<String, String> podAnnotations = new TreeMap<>(annotations);
        List<CnfSpec.NetworkInterface> interfaces = interfaces(spec);
        if (!interfaces.isEmpty()) {
            List<String> networks = new ArrayList<>();
            for (CnfSpec.NetworkInterface nic : interfaces) {
                networks.add(packageName + "-" + nic.name() + "@" + nic.name());
            }
            podAnnotations.put("k8s.v1.cni.cncf.io/networks", String.join(",", networks));
        }

        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName("config")
                .withNewConfigMap()
                .withName(packageName + "-config")
                .endConfigMap()
                .build());
        mounts.add(new VolumeMountBuilder()
                .withName("config")
                .withMountPath("/etc/" + function.dnsName())
                .withReadOnly(true)
                .build());
        if (hugepages(spec)) {
            volumes.add(new VolumeBuilder()
                    .withName("hugepages")
                    .withNewEmptyDir()
                    .withMedium("HugePages")
                    .endEmptyDir()
                    .build());
            mounts.add(new VolumeMountBuilder()
                    .withName("hugepages")
                    .withMountPath("/dev/hugepages")
                    .build());
        }
        // restricted-v2 forbids writing the image's file system; give the process a scratch directory
        volumes.add(new VolumeBuilder()
                .withName("tmp")
                .withNewEmptyDir()
                .endEmptyDir()
                .build());
        mounts.add(
                new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());

        Container container = new ContainerBuilder()
                .withName(function.dnsName())
                .withImage(spec.image() != null ? spec.image() : function.image())
                .withImagePullPolicy("IfNotPresent")
                .withPorts(function.ports().stream()
                        .map(p -> new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                                .withName(p.name())
                                .withContainerPort(p.port())
                                .withProtocol(p.protocol())
                                .build())
                        .toList())
                .addNewEnv()
                .withName("SITE")
                .withValue(SITE_PLACEHOLDER)
                .endEnv()
                .addNewEnv()
                .withName("NF_CONFIG_DIR")
                .withValue("/etc/" + function.dnsName())
                .endEnv()
                .withResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                        .withRequests(requests(function, spec))
                        .withLimits(limits(function, spec))
                        .build())
                .withStartupProbe(probe(function, 5, 30))
                .withReadinessProbe(probe(function, 5, 3))
                .withLivenessProbe(probe(function, 10, 3))
                .withSecurityContext(containerSecurity(privileged, dpdk))
                .withVolumeMounts(mounts)
                .build();

        Map<String, String> labels = baseLabels(packageName, function);
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(packageName)
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withRevisionHistoryLimit(5)
                .withNewSelector()
                .withMatchLabels(selectorLabels(packageName, function))
                .endSelector()
                .withNewStrategy()
                // a network function must not lose capacity during an update
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(0))
                .withMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString(1))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(podAnnotations)
                .endMetadata()
                .withNewSpec()
                .withAffinity(replicas >= 2 ? antiAffinity(packageName, function) : null)
                .withTerminationGracePeriodSeconds(30L)
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(privileged ? null : Boolean.TRUE)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withContainers(container)
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    // Replicas on different nodes, preferred rather than required so a small site still schedules them all.
    private static Affinity antiAffinity(String packageName, CnfFunction function) {
        return new AffinityBuilder()
                .withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100)
                .withNewPodAffinityTerm()
                .withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector()
                .withMatchLabels(selectorLabels(packageName, function))
                .endLabelSelector()
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
    }

    private static SecurityContext containerSecurity(boolean privileged, boolean dpdk) {
        SecurityContextBuilder security = new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile();
        if (!privileged) {
            return security.withRunAsNonRoot(true)
                    .withNewCapabilities()
                    .withDrop("ALL")
                    .endCapabilities()
                    .build();
        }
        List<String> add =
                dpdk ? List.of("IPC_LOCK", "NET_ADMIN", "NET_RAW", "SYS_NICE") : List.of("NET_ADMIN", "NET_RAW");
        return security.withNewCapabilities()
                .withAdd(add)
                .withDrop("ALL")
                .endCapabilities()
                .build();
    }

    private static Probe probe(CnfFunction function, int period, int failures) {
        // SBI and the RIC's HTTP port answer TCP; UDP/SCTP-only functions expose their metrics port
        CnfFunction.Port port = function.ports().stream()
                .filter(p -> p.protocol().equals("TCP"))
                .findFirst()
                .orElseThrow();
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withNewPort(port.name())
                .endTcpSocket()
                .withPeriodSeconds(period)
                .withFailureThreshold(failures)
                .withTimeoutSeconds(2)
                .build();
    }

    private static Map<String, Quantity> requests(CnfFunction function, CnfSpec spec) {
        CnfSpec.Resources r = spec.resources();
        Map<String, Quantity> requests = new TreeMap<>();
        requests.put("cpu", new Quantity(r != null && r.cpu() != null ? r.cpu() : function.cpu()));
        requests.put("memory", new Quantity(r != null && r.memory() != null ? r.memory() : function.memory()));
        extended(spec, requests);
        return requests;
    }

    private static Map<String, Quantity> limits(CnfFunction function, CnfSpec spec) {
        CnfSpec.Resources r = spec.resources();
        Map<String, Quantity> requests = requests(function, spec);
        Map<String, Quantity> limits = new TreeMap<>();
        // hugepages need Guaranteed QoS (limits = requests) for the CPU manager to pin cores
        boolean guaranteed = hugepages(spec);
        if (r != null && r.cpuLimit() != null) {
            limits.put("cpu", new Quantity(r.cpuLimit()));
        } else if (guaranteed) {
            limits.put("cpu", requests.get("cpu"));
        }
        limits.put(
                "memory",
                r != null && r.memoryLimit() != null ? new Quantity(r.memoryLimit()) : requests.get("memory"));
        extended(spec, limits);
        return limits;
    }

    private static void extended(CnfSpec spec, Map<String, Quantity> quantities) {
        CnfSpec.Resources r = spec.resources();
        if (r != null) {
            if (r.hugepages1Gi() != null) {
                quantities.put("hugepages-1Gi", new Quantity(r.hugepages1Gi()));
            }
            if (r.hugepages2Mi() != null) {
                quantities.put("hugepages-2Mi", new Quantity(r.hugepages2Mi()));
            }
            if (r.gpu() != null && r.gpu() > 0) {
                quantities.put("nvidia.com/gpu", new Quantity(String.valueOf(r.gpu())));
            }
        }
        long vfs =
                interfaces(spec).stream().filter(n -> n.type().equals("sriov")).count();
        if (vfs > 0) {
            quantities.put(sriovResource(spec), new Quantity(String.valueOf(vfs)));
        }
    }

    private static boolean hugepages(CnfSpec spec) {
        return spec.resources() != null
                && (spec.resources().hugepages1Gi() != null || spec.resources().hugepages2Mi() != null);
    }

    private static String sriovResource(CnfSpec spec) {
        return spec.resources() != null && spec.resources().sriovResource() != null
                ? spec.resources().sriovResource()
                : DEFAULT_SRIOV_RESOURCE;
    }

    private static List<CnfSpec.NetworkInterface> interfaces(CnfSpec spec) {
        return spec.interfaces() == null ? List.of() : spec.interfaces();
    }

    private static Service service(String packageName, CnfFunction function) {
        List<ServicePort> ports = function.ports().stream()
                .map(p -> new ServicePortBuilder()
                        .withName(p.name())
                        .withPort(p.port())
                        .withProtocol(p.protocol())
                        .withNewTargetPort(p.name())
                        .build())
                .toList();
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(packageName)
                .withLabels(baseLabels(packageName, function))
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selectorLabels(packageName, function))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    private static ConfigMap configMap(String packageName, CnfFunction function, CnfSpec spec) {
        Map<String, String> data = new TreeMap<>(spec.config() == null ? Map.of() : spec.config());
        data.put("function", function.displayName());
        data.put("site", spec.site());
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(packageName + "-config")
                .withLabels(baseLabels(packageName, function))
                .endMetadata()
                .withData(data)
                .build();
    }

    // apply-replacements: the ConfigMap's site is the one place it is written; the container's SITE env
    // follows it, so an edit of the ConfigMap in a downstream package changes both on render.
    private static GenericKubernetesResource replacements(String packageName, CnfFunction function) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("kind", "ConfigMap");
        source.put("name", packageName + "-config");
        source.put("fieldPath", "data.site");
        Map<String, Object> select = new LinkedHashMap<>();
        select.put("kind", "Deployment");
        select.put("name", packageName);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("select", select);
        target.put(
                "fieldPaths",
                List.of("spec.template.spec.containers.[name=" + function.dnsName() + "].env.[name=SITE].value"));
        Map<String, Object> replacement = new LinkedHashMap<>();
        replacement.put("source", source);
        replacement.put("targets", List.of(target));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("fn.kpt.dev/v1alpha1")
                .withKind("ApplyReplacements")
                .withNewMetadata()
                .withName(packageName + "-replacements")
                .addToAnnotations(LOCAL_CONFIG, "true")
                .endMetadata()
                .addToAdditionalProperties("replacements", List.of(replacement))
                .build();
    }

    private static GenericKubernetesResource networkAttachment(
            String packageName, CnfSpec.NetworkInterface nic, String sriovResource) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("cniVersion", "0.3.1");
        config.put("name", packageName + "-" + nic.name());
        config.put("type", nic.type());
        if (nic.master() != null && !nic.type().equals("sriov")) {
            config.put(nic.type().equals("host-device") ? "device" : "master", nic.master());
        }
        if (nic.type().equals("macvlan")) {
            config.put("mode", "bridge");
        }
        if (nic.subnet() != null) {
            Map<String, Object> ipam = new LinkedHashMap<>();
            ipam.put("type", "whereabouts");
            ipam.put("range", nic.subnet());
            config.put("ipam", ipam);
        } else {
            config.put("ipam", Map.of());
        }
        Map<String, String> annotations = new TreeMap<>();
        if (nic.type().equals("sriov")) {
            annotations.put("k8s.v1.cni.cncf.io/resourceName", sriovResource);
        }
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("k8s.cni.cncf.io/v1")
                .withKind("NetworkAttachmentDefinition")
                .withNewMetadata()
                .withName(packageName + "-" + nic.name())
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .endMetadata()
                .addToAdditionalProperties("spec", Map.of("config", Json.write(config)))
                .build();
    }
}
