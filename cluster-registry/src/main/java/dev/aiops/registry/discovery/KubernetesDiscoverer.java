package dev.aiops.registry.discovery;

import dev.aiops.model.cluster.ClusterCapabilities;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.CnfType;
import dev.aiops.model.cluster.Platform;
import dev.aiops.registry.config.RegistryProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a cluster's platform and capabilities through its Kubernetes API:
 *
 * <ul>
 *   <li>OpenShift when the {@code config.openshift.io} API group exists (version from ClusterVersion
 *       {@code version}); MicroShift when {@code kube-public/microshift-version} exists; else Kubernetes;
 *   <li>nodes, with {@code nvidia.com/gpu} capacity and {@code nvidia.com/gpu.product} labels;
 *   <li>CNF workloads: pods carrying the configured label whose value maps to a CNF type;
 *   <li>Prometheus, Thanos, Tempo, Loki and a service mesh by their well-known services, or because
 *       the cluster's endpoints name them.
 * </ul>
 */
@Component
class KubernetesDiscoverer {

    static final String GPU_RESOURCE = "nvidia.com/gpu";
    static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";

    private final RegistryProperties.Discovery properties;
    private final JsonMapper json;

    KubernetesDiscoverer(RegistryProperties properties, JsonMapper json) {
        this.properties = properties.discovery();
        this.json = json;
    }

    Discovery discover(KubernetesClient client, ClusterEndpoints endpoints) {
        VersionInfo version = client.getKubernetesVersion();
        Platform platform = Platform.KUBERNETES;
        String platformVersion = version == null ? null : version.getGitVersion();
        if (client.hasApiGroup("config.openshift.io", false)) {
            platform = Platform.OPENSHIFT;
            String openshiftVersion = openshiftVersion(client);
            if (openshiftVersion != null) {
                platformVersion = openshiftVersion;
            }
        } else {
            ConfigMap microshift = optional(() -> client.configMaps()
                    .inNamespace("kube-public")
                    .withName("microshift-version")
                    .get());
            if (microshift != null) {
                platform = Platform.MICROSHIFT;
                if (microshift.getData() != null && microshift.getData().get("version") != null) {
                    platformVersion = microshift.getData().get("version");
                }
            }
        }

        List<DiscoveredNode> nodes = client.nodes().list().getItems().stream()
                .map(KubernetesDiscoverer::node)
                .toList();
        int gpuCount = nodes.stream().mapToInt(DiscoveredNode::gpuCount).sum();
        Set<String> gpuTypes = new TreeSet<>();
        nodes.stream()
                .filter(n -> n.gpuCount() > 0 && n.gpuProduct() != null)
                .forEach(n -> gpuTypes.add(n.gpuProduct()));

        Set<CnfType> cnfTypes = EnumSet.noneOf(CnfType.class);
        List<Pod> cnfPods = optional(() -> client.pods()
                .inAnyNamespace()
                .withLabel(properties.cnfLabelKey())
                .list()
                .getItems());
        if (cnfPods != null) {
            for (Pod pod : cnfPods) {
                String value = pod.getMetadata().getLabels().get(properties.cnfLabelKey());
                CnfType type =
                        value == null ? null : properties.cnfLabelValues().get(value.toLowerCase(Locale.ROOT));
                if (type != null) {
                    cnfTypes.add(type);
                }
            }
        }

        Observability seen = observability(client);
        ClusterCapabilities capabilities = new ClusterCapabilities(
                gpuCount > 0,
                gpuCount,
                List.copyOf(gpuTypes),
                seen.prometheus || present(endpoints.prometheusUrl()),
                seen.thanos,
                seen.tempo || present(endpoints.tempoUrl()),
                seen.loki || present(endpoints.lokiUrl()),
                seen.serviceMesh,
                !cnfTypes.isEmpty(),
                List.copyOf(cnfTypes));
        return new Discovery(platform, platformVersion, capabilities, nodes);
    }

    /** Capabilities known without asking the cluster: what its configured endpoints say. */
    static ClusterCapabilities fromEndpoints(ClusterEndpoints endpoints, ClusterCapabilities previous) {
        return new ClusterCapabilities(
                previous.hasGpuNodes(),
                previous.gpuCount(),
                previous.gpuTypes(),
                previous.hasPrometheus() || present(endpoints.prometheusUrl()),
                previous.hasThanos(),
                previous.hasTempo() || present(endpoints.tempoUrl()),
                previous.hasLoki() || present(endpoints.lokiUrl()),
                previous.hasServiceMesh(),
                previous.hasCnfWorkloads(),
                previous.cnfTypes());
    }

    private String openshiftVersion(KubernetesClient client) {
        String raw = optional(() -> client.raw("/apis/config.openshift.io/v1/clusterversions/version"));
        if (raw == null) {
            return null;
        }
        try {
            JsonNode status = json.readTree(raw).path("status");
            String desired = status.path("desired").path("version").asString(null);
            if (desired != null && !desired.isBlank()) {
                return desired;
            }
            JsonNode history = status.path("history");
            return history.isArray() && !history.isEmpty()
                    ? history.get(0).path("version").asString(null)
                    : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static final class Observability {
        boolean prometheus;
        boolean thanos;
        boolean tempo;
        boolean loki;
        boolean serviceMesh;
    }

    private static Observability observability(KubernetesClient client) {
        Observability seen = new Observability();
        List<Service> services =
                optional(() -> client.services().inAnyNamespace().list().getItems());
        if (services == null) {
            return seen;
        }
        for (Service service : services) {
            String name = service.getMetadata().getName().toLowerCase(Locale.ROOT);
            if (name.startsWith("thanos-quer")) {
                seen.thanos = true;
            } else if (name.contains("prometheus") && !isPrometheusSidekick(name)) {
                seen.prometheus = true;
            }
            if (name.contains("tempo") && !name.contains("operator")) {
                seen.tempo = true;
            }
            if (name.contains("loki") && !name.contains("operator")) {
                seen.loki = true;
            }
            if (name.equals("istiod") || name.startsWith("istiod-") || name.equals("linkerd-destination")) {
                seen.serviceMesh = true;
            }
        }
        return seen;
    }

    private static boolean isPrometheusSidekick(String name) {
        return name.contains("operator")
                || name.contains("node-exporter")
                || name.contains("adapter")
                || name.contains("alertmanager")
                || name.contains("blackbox")
                || name.contains("pushgateway");
    }

    private static DiscoveredNode node(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        Map<String, String> capacity = new LinkedHashMap<>();
        Map<String, Quantity> raw = node.getStatus() == null || node.getStatus().getCapacity() == null
                ? Map.of()
                : node.getStatus().getCapacity();
        raw.forEach((key, quantity) -> capacity.put(key, quantity.toString()));
        int gpus = 0;
        Quantity gpuQuantity = raw.get(GPU_RESOURCE);
        if (gpuQuantity != null) {
            try {
                gpus = gpuQuantity.getNumericalAmount().intValue();
            } catch (ArithmeticException | IllegalArgumentException e) {
                gpus = 0;
            }
        }
        List<String> roles = new ArrayList<>();
        labels.keySet().stream()
                .filter(k -> k.startsWith("node-role.kubernetes.io/"))
                .map(k -> k.substring("node-role.kubernetes.io/".length()))
                .sorted()
                .forEach(roles::add);
        boolean ready = node.getStatus() != null
                && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        var info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        return new DiscoveredNode(
                node.getMetadata().getName(),
                node.getMetadata().getUid(),
                roles,
                labels,
                capacity,
                gpus,
                labels.get(GPU_PRODUCT_LABEL),
                info == null ? null : info.getKubeletVersion(),
                info == null ? null : info.getOsImage(),
                info == null ? null : info.getArchitecture(),
                ready);
    }

    private static boolean present(String url) {
        return url != null && !url.isBlank();
    }

    /** A lookup whose absence or refusal (404, 403) just means "not there / cannot tell". */
    private static <T> T optional(java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 403) {
                return null;
            }
            throw e;
        }
    }
}
