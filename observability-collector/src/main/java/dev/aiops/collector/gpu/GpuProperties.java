package dev.aiops.collector.gpu;

import dev.aiops.platform.outbound.UrlGuardProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aiops.collector.gpu.*}: GPU telemetry from DCGM exporter metrics (PromQL) or nvidia-smi in the
 * NVIDIA driver pods (Kubernetes exec).
 *
 * @param cacheTtl how long one collected fleet snapshot answers the API (CONTRACTS: GPU 5 s)
 * @param pollInterval how often the fleet is collected in the background to detect changes and send
 *     GPU_UPDATE, even when nobody calls the API
 * @param pollEnabled switches the background collection off (the API still collects on demand)
 * @param queryTimeout budget of the DCGM PromQL query per cluster
 * @param hottestCount GPUs listed under {@code hottest} in the summary
 * @param idleUtilizationPercent a GPU at or below this utilisation with no process is idle
 */
@Validated
@ConfigurationProperties(prefix = "aiops.collector.gpu")
public record GpuProperties(
        @DefaultValue("5s") Duration cacheTtl,
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("true") boolean pollEnabled,
        @DefaultValue("10s") Duration queryTimeout,
        @Min(1) @DefaultValue("5") int hottestCount,
        @DecimalMin("0") @DefaultValue("5") double idleUtilizationPercent,
        @Valid @DefaultValue Thresholds thresholds,
        @Valid @DefaultValue Exec exec) {

    /**
     * A GPU_UPDATE is sent for a node when one of its GPUs appears or disappears, its process list changes,
     * or a reading moved by at least this much since the last event for that node. Smaller moves (an
     * idle GPU's power wobbling by a few watts) are not news.
     */
    public record Thresholds(
            @DecimalMin("0") @DefaultValue("10") double utilizationPercent,
            @DecimalMin("0") @DefaultValue("1024") double memoryUsedMb,
            @DecimalMin("0") @DefaultValue("5") double temperatureCelsius,
            @DecimalMin("0") @DefaultValue("50") double powerWatts) {}

    /**
     * nvidia-smi through the Kubernetes exec API, for clusters whose Prometheus has no DCGM series.
     *
     * @param namespaces where the GPU operator runs its driver pods ({@code gpu-operator} upstream,
     *     {@code nvidia-gpu-operator} on OpenShift)
     * @param labelSelector the driver daemonset's pods (the GPU operator labels them {@code
     *     app=nvidia-driver-daemonset})
     * @param container the driver container, which has nvidia-smi and sees every GPU of the node
     * @param timeout one exec call, from connect to exit status
     * @param allowLoopback permits API servers on loopback addresses (tests, single-host development);
     *     link-local and cloud metadata addresses are refused regardless
     */
    public record Exec(
            @DefaultValue("true") boolean enabled,

            @NotEmpty @DefaultValue({"gpu-operator", "nvidia-gpu-operator"})
            List<@NotBlank String> namespaces,

            @NotBlank @DefaultValue("app=nvidia-driver-daemonset")
            String labelSelector,

            @NotBlank @DefaultValue("nvidia-driver-ctr") String container,
            @DefaultValue("15s") Duration timeout,
            @DefaultValue("false") boolean allowLoopback,
            @Valid @DefaultValue UrlGuardProperties urlGuard) {

        /** The platform guard's settings, loopback allowed when either key allows it (both off by default). */
        UrlGuardProperties guard() {
            return new UrlGuardProperties(
                    urlGuard.deniedHosts(),
                    urlGuard.deniedNetworks(),
                    allowLoopback || urlGuard.allowLoopback(),
                    urlGuard.resolveTimeout(),
                    urlGuard.pinTtl());
        }
    }
}
