package dev.aiops.collector.gpu;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.model.gpu.Gpu;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * GPU readings of a cluster without DCGM metrics: finds the NVIDIA driver pods (one per GPU node, by label
 * in the GPU operator's namespace) and runs nvidia-smi in each through the Kubernetes exec API, with the
 * credentials the registry stores for the cluster.
 */
@Component
class NvidiaSmiSource {

    private final KubernetesClients clients;
    private final GpuProperties.Exec settings;

    NvidiaSmiSource(KubernetesClients clients, GpuProperties properties) {
        this.clients = clients;
        this.settings = properties.exec();
    }

    /** A command that did not finish with status 0 in time; the message is safe to log. */
    static final class ExecFailedException extends RuntimeException {
        ExecFailedException(String message) {
            super(message);
        }
    }

    /** GPUs by node name; nodes whose driver pod could not be read are left out (and their error returned). */
    record Readings(Map<String, List<Gpu>> gpusByNode, List<String> errors) {}

    Readings read(ClusterConnection cluster) {
        KubernetesClient client = clients.client(cluster);
        Map<String, List<Gpu>> nodes = new LinkedHashMap<>();
        List<String> errors = new java.util.ArrayList<>();
        for (Pod pod : driverPods(client)) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node == null) {
                continue;
            }
            try {
                String namespace = pod.getMetadata().getNamespace();
                String name = pod.getMetadata().getName();
                String gpus = exec(client, namespace, name, NvidiaSmi.queryGpuCommand());
                String apps = exec(client, namespace, name, NvidiaSmi.queryComputeAppsCommand());
                String table = exec(client, namespace, name, NvidiaSmi.tableCommand());
                nodes.put(node, NvidiaSmi.parse(gpus, apps, table));
            } catch (RuntimeException e) {
                errors.add("node " + node + ": " + e.getMessage());
            }
        }
        return new Readings(nodes, errors);
    }

    private List<Pod> driverPods(KubernetesClient client) {
        List<Pod> pods = new java.util.ArrayList<>();
        for (String namespace : settings.namespaces()) {
            try {
                client
                        .pods()
                        .inNamespace(namespace)
                        .withLabelSelector(settings.labelSelector())
                        .list()
                        .getItems()
                        .stream()
                        .filter(p -> p.getStatus() == null
                                || "Running".equals(p.getStatus().getPhase()))
                        .forEach(pods::add);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                // this flavour of the GPU operator uses the other namespace
            }
        }
        return pods;
    }

    private String exec(KubernetesClient client, String namespace, String pod, List<String> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods()
                .inNamespace(namespace)
                .withName(pod)
                .inContainer(settings.container())
                .writingOutput(out)
                .writingError(err)
                .exec(command.toArray(String[]::new))) {
            Integer status = watch.exitCode().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (status == null || status != 0) {
                throw new ExecFailedException(
                        command.get(0) + " in " + namespace + "/" + pod + " exited with status " + status);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            throw new ExecFailedException(command.get(0) + " in " + namespace + "/" + pod + " timed out");
        } catch (ExecutionException e) {
            throw new ExecFailedException(command.get(0) + " in " + namespace + "/" + pod + " failed: "
                    + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecFailedException("interrupted");
        }
    }
}
