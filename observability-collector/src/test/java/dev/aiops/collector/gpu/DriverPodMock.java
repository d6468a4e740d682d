package dev.aiops.collector.gpu;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A GPU operator's driver pod on fabric8's mock API server: the pod list by label, the pod itself (fabric8
 * reads it before exec), and the exec websocket of each nvidia-smi command answering with a fixture on the
 * stdout channel and the exit status on the status channel, as the kubelet's v4/v5 channel protocol does.
 */
final class DriverPodMock {

    static final String NAMESPACE = "gpu-operator";
    static final String CONTAINER = "nvidia-driver-ctr";

    private DriverPodMock() {}

    static Pod pod(String name, String node) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .addToLabels("app", "nvidia-driver-daemonset")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName(CONTAINER)
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .addNewContainerStatus()
                .withName(CONTAINER)
                .withReady(true)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }

    /** The driver pod {@code name} on {@code node}, whose nvidia-smi prints the given fixtures. */
    static void driverPod(
            KubernetesMockServer server, String name, String node, String queryGpu, String computeApps, String table) {
        Pod pod = pod(name, node);
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + NAMESPACE + "/pods?labelSelector=app%3Dnvidia-driver-daemonset")
                .andReturn(200, new PodListBuilder().addToItems(pod).build())
                .always();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/" + name)
                .andReturn(200, pod)
                .always();
        exec(server, name, NvidiaSmi.queryGpuCommand(), queryGpu, 0);
        exec(server, name, NvidiaSmi.queryComputeAppsCommand(), computeApps, 0);
        exec(server, name, NvidiaSmi.tableCommand(), table, 0);
    }

    static void exec(KubernetesMockServer server, String pod, List<String> command, String stdout, int exitCode) {
        server.expect()
                .get()
                .withPath(execPath(pod, command))
                .andUpgradeToWebSocket()
                .open(new OutputStreamMessage(stdout), new StatusStreamMessage(exitCode))
                .done()
                .always();
    }

    static String execPath(String pod, List<String> command) {
        return "/api/v1/namespaces/" + NAMESPACE + "/pods/" + pod + "/exec?"
                + command.stream()
                        .map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))
                + "&container=" + CONTAINER + "&stdout=true&stderr=true";
    }

    static String fixture(String name) {
        try (InputStream in = DriverPodMock.class.getResourceAsStream("/fixtures/nvidia-smi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
