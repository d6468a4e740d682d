package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuProcess;
import dev.aiops.model.gpu.GpuProcessType;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.platform.outbound.UrlGuardProperties;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The exec path against fabric8's mock API server: driver pods found by label, nvidia-smi run through the
 * exec websocket with the cluster's stored token, the H100 fixtures parsed from the stdout channel.
 */
class NvidiaSmiExecTests {

    KubernetesMockServer server;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    /** The platform guard's production defaults, as binding no keys gives them. */
    private static final UrlGuardProperties GUARD_DEFAULTS =
            new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("guard", UrlGuardProperties.class);

    static GpuProperties properties(boolean allowLoopback) {
        return new GpuProperties(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                false,
                Duration.ofSeconds(5),
                5,
                5,
                new GpuProperties.Thresholds(10, 1024, 5, 50),
                new GpuProperties.Exec(
                        true,
                        List.of("nvidia-gpu-operator", DriverPodMock.NAMESPACE),
                        "app=nvidia-driver-daemonset",
                        DriverPodMock.CONTAINER,
                        Duration.ofSeconds(10),
                        allowLoopback,
                        GUARD_DEFAULTS));
    }

    NvidiaSmiSource source(boolean allowLoopback) {
        GpuProperties properties = properties(allowLoopback);
        return new NvidiaSmiSource(new KubernetesClients(properties), properties);
    }

    ClusterConnection cluster(String apiServerUrl) {
        return new ClusterConnection(
                UUID.randomUUID(),
                "gpu-edge",
                null,
                null,
                null,
                apiServerUrl,
                "SERVICE_ACCOUNT",
                "stored-service-account-token",
                null);
    }

    List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            all.add(r);
        }
        return all;
    }

    @Test
    void shouldRunNvidiaSmiInTheDriverPodWithTheStoredToken() throws InterruptedException {
        DriverPodMock.driverPod(
                server,
                "nvidia-driver-daemonset-x7k2p",
                "gpu-worker-1",
                DriverPodMock.fixture("loaded-query-gpu.csv"),
                DriverPodMock.fixture("loaded-compute-apps.csv"),
                DriverPodMock.fixture("loaded-table.txt"));

        NvidiaSmiSource.Readings readings = source(true).read(cluster(server.url("/")));

        assertThat(readings.errors()).isEmpty();
        assertThat(readings.gpusByNode()).containsOnlyKeys("gpu-worker-1");
        Gpu gpu = readings.gpusByNode().get("gpu-worker-1").get(0);
        assertThat(gpu.uuid()).isEqualTo("GPU-42a0d46f-aa1d-4839-9933-9a7101e976e4");
        assertThat(gpu.cudaVersion()).isEqualTo("13.0");
        assertThat(gpu.utilizationGpuPercent()).isEqualTo(1.0);
        assertThat(gpu.memoryUsedMb()).isEqualTo(883L);
        assertThat(gpu.fanSpeedPercent()).isNull();
        assertThat(gpu.processes()).containsExactly(new GpuProcess(449, "python3", 874L, GpuProcessType.COMPUTE));
        List<RecordedRequest> requests = requests();
        assertThat(requests)
                .extracting(RecordedRequest::getPath)
                .contains(DriverPodMock.execPath("nvidia-driver-daemonset-x7k2p", NvidiaSmi.queryGpuCommand()));
        assertThat(requests)
                .allSatisfy(
                        r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer stored-service-account-token"));
    }

    @Test
    void shouldReadTheIdleBoardWithoutHeaderOrUnits() {
        DriverPodMock.driverPod(
                server,
                "nvidia-driver-daemonset-q9m4z",
                "gpu-worker-2",
                DriverPodMock.fixture("nvidia-smi-query-gpu-nounits.csv"),
                DriverPodMock.fixture("nvidia-smi-compute-apps.csv"),
                DriverPodMock.fixture("nvidia-smi-table.txt"));

        Gpu gpu = source(true)
                .read(cluster(server.url("/")))
                .gpusByNode()
                .get("gpu-worker-2")
                .get(0);

        assertThat(gpu.powerDrawWatts()).isEqualTo(128.16);
        assertThat(gpu.memoryFreeMb()).isEqualTo(81079L);
        assertThat(gpu.processes()).isEmpty();
    }

    @Test
    void shouldReportANodeWhoseNvidiaSmiFailsAndParseNothingFromIt() {
        String pod = "nvidia-driver-daemonset-f4il1";
        // the driver is not loaded yet: nvidia-smi exits 9; registered first, so it answers the exec
        DriverPodMock.exec(server, pod, NvidiaSmi.queryGpuCommand(), "", 9);
        DriverPodMock.driverPod(server, pod, "gpu-worker-3", "", "", "");

        NvidiaSmiSource.Readings readings = source(true).read(cluster(server.url("/")));

        assertThat(readings.gpusByNode()).isEmpty();
        assertThat(readings.errors())
                .singleElement()
                .satisfies(e -> assertThat(e).contains("gpu-worker-3").contains("exited with status 9"));
    }

    static String kubeconfig(String server, String user) {
        return """
                apiVersion: v1
                kind: Config
                current-context: gpu
                clusters:
                  - name: gpu
                    cluster:
                      server: %s
                contexts:
                  - name: gpu
                    context: {cluster: gpu, user: gpu}
                users:
                  - name: gpu
                    user:
                %s
                """.formatted(server, user);
    }

    @Test
    void shouldUseTheInlineTokenOfAStoredKubeconfig() throws InterruptedException {
        DriverPodMock.driverPod(
                server,
                "nvidia-driver-daemonset-k8cfg",
                "gpu-worker-4",
                DriverPodMock.fixture("nvidia-smi-query-gpu-nounits.csv"),
                DriverPodMock.fixture("nvidia-smi-compute-apps.csv"),
                DriverPodMock.fixture("nvidia-smi-table.txt"));
        ClusterConnection viaKubeconfig = new ClusterConnection(
                UUID.randomUUID(),
                "gpu-kubeconfig",
                null,
                null,
                null,
                server.url("/"),
                "KUBECONFIG",
                null,
                kubeconfig(server.url("/"), "      token: kubeconfig-token"));

        assertThat(source(true).read(viaKubeconfig).gpusByNode()).containsOnlyKeys("gpu-worker-4");
        assertThat(requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer kubeconfig-token"));
    }

    @Test
    void shouldRefuseAKubeconfigThatWouldRunAProgramOnTheCollector() throws InterruptedException {
        ClusterConnection withExecPlugin = new ClusterConnection(
                UUID.randomUUID(),
                "gpu-kubeconfig",
                null,
                null,
                null,
                server.url("/"),
                "KUBECONFIG",
                null,
                kubeconfig(
                        server.url("/"),
                        "      exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/sh, args: [-c, id]}"));

        assertThatThrownBy(() -> source(true).read(withExecPlugin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inline credentials only");
        assertThat(requests()).isEmpty();
    }

    @Test
    void shouldRefuseALoopbackApiServerUnlessAllowedAndNeverConnect() throws InterruptedException {
        DriverPodMock.driverPod(server, "drv", "n", "", "", "");

        assertThatThrownBy(() -> source(false).read(cluster(server.url("/"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasRootCauseInstanceOf(OutboundUrlGuard.BlockedUrlException.class)
                .hasMessageContaining("loopback");
        assertThat(requests()).isEmpty();
    }

    @Test
    void shouldRefuseAMetadataAddressAndANonHttpUrl() {
        // the platform guard, checked before the client exists: no request leaves for any of these
        assertThatThrownBy(() -> source(true).read(cluster("http://169.254.169.254/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasRootCauseInstanceOf(OutboundUrlGuard.BlockedUrlException.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> source(true).read(cluster("http://[::ffff:169.254.169.254]:6443/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> source(true).read(cluster("http://[64:ff9b::a9fe:a9fe]:6443/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> source(true).read(cluster("http://metadata.google.internal/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata");
        assertThatThrownBy(() -> source(true).read(cluster("file:///etc/kubernetes/admin.conf")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http or https");
    }
}
