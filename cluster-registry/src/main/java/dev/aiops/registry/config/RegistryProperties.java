package dev.aiops.registry.config;

import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.CnfType;
import dev.aiops.platform.outbound.UrlGuardProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code aiops.registry.*}: every knob of the registry, with production-safe defaults. */
@Validated
@ConfigurationProperties(prefix = "aiops.registry")
public record RegistryProperties(
        @Valid @DefaultValue Credentials credentials,
        @Valid @DefaultValue Health health,
        @Valid @DefaultValue Discovery discovery,
        @Valid @DefaultValue UrlGuardProperties urlGuard,
        @Valid @DefaultValue O2ims o2ims,
        @Valid @DefaultValue InternalApi internalApi) {

    /**
     * @param connectionReaders the platform services (as their service tokens name them) that may read a
     *     cluster's connection details, secrets included; every other caller gets 403
     */
    public record InternalApi(
            @DefaultValue({"observability-collector", "intelligence-engine", "intent-service", "porch-adapter"})
            List<String> connectionReaders) {

        public InternalApi {
            connectionReaders = connectionReaders == null ? List.of() : List.copyOf(connectionReaders);
        }
    }

    /**
     * @param keys key id → base64 of a 32-byte AES key
     * @param activeKeyId the key new secrets are sealed with; others only open older secrets
     * @param expiryWarning how long before {@code expires_at} a cluster is flagged and an event sent
     * @param sweepInterval how often expiry and re-encryption to the active key are checked
     */
    public record Credentials(
            Map<String, String> keys,
            String activeKeyId,
            @DefaultValue("7d") Duration expiryWarning,
            @DefaultValue("10m") Duration sweepInterval) {

        public Credentials {
            keys = keys == null ? Map.of() : Map.copyOf(keys);
        }
    }

    /**
     * @param pollInterval how often a replica looks for due checks
     * @param maxConcurrentChecks checks in flight per replica; a hanging endpoint holds one slot at
     *     most for its timeout, so slow clusters cannot starve the others while slots remain
     * @param claimBatchSize most clusters claimed per poll
     * @param silentIntervals a cluster not heard from for this many intervals is UNKNOWN
     * @param leaseMargin how much longer than the check timeout a claim is held
     * @param historySampleInterval history keeps every change of a cluster's status and otherwise one
     *     check per this interval (zero keeps every check)
     * @param timings per cluster type overrides of the interval/timeout {@link ClusterType} defines
     */
    public record Health(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration pollInterval,
            @Min(1) @Max(10_000) @DefaultValue("256") int maxConcurrentChecks,
            @Min(1) @Max(10_000) @DefaultValue("200") int claimBatchSize,
            @Min(1) @DefaultValue("5") int silentIntervals,
            @DefaultValue("5s") Duration leaseMargin,
            @DefaultValue("3s") Duration connectTimeout,
            @DefaultValue("7d") Duration historyRetention,
            @DefaultValue("5m") Duration historySampleInterval,
            @DefaultValue("1h") Duration purgeInterval,
            @Min(1) @Max(64) @DefaultValue("4") int writerThreads,
            Map<ClusterType, Timing> timings) {

        public Health {
            timings = timings == null || timings.isEmpty() ? Map.of() : new EnumMap<>(timings);
        }

        public Duration interval(ClusterType type) {
            Timing timing = timings.get(type);
            return timing != null && timing.interval() != null ? timing.interval() : type.healthCheckInterval();
        }

        public Duration timeout(ClusterType type) {
            Timing timing = timings.get(type);
            return timing != null && timing.timeout() != null ? timing.timeout() : type.healthCheckTimeout();
        }
    }

    public record Timing(Duration interval, Duration timeout) {}

    /**
     * @param cnfLabelKey the workload label whose value names the network function
     * @param cnfLabelValues label value (lower case) → CNF type; values not listed are not CNFs
     */
    public record Discovery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("24h") Duration interval,
            @DefaultValue("5m") Duration retryAfterFailure,
            @DefaultValue("2s") Duration pollInterval,
            @Min(1) @Max(256) @DefaultValue("16") int maxConcurrent,
            @DefaultValue("20s") Duration requestTimeout,
            @DefaultValue("5m") Duration lease,

            @NotBlank @DefaultValue("app.kubernetes.io/component")
            String cnfLabelKey,

            Map<String, CnfType> cnfLabelValues) {

        public Discovery {
            cnfLabelValues = cnfLabelValues == null || cnfLabelValues.isEmpty()
                    ? defaultCnfValues()
                    : Map.copyOf(cnfLabelValues);
        }

        private static Map<String, CnfType> defaultCnfValues() {
            return Map.ofEntries(
                    Map.entry("vdu", CnfType.VDU),
                    Map.entry("du", CnfType.VDU),
                    Map.entry("o-du", CnfType.VDU),
                    Map.entry("odu", CnfType.VDU),
                    Map.entry("vcu", CnfType.VCU),
                    Map.entry("cu", CnfType.VCU),
                    Map.entry("o-cu", CnfType.VCU),
                    Map.entry("cu-cp", CnfType.VCU),
                    Map.entry("cu-up", CnfType.VCU),
                    Map.entry("o-cu-cp", CnfType.VCU),
                    Map.entry("o-cu-up", CnfType.VCU),
                    Map.entry("upf", CnfType.UPF),
                    Map.entry("amf", CnfType.AMF),
                    Map.entry("smf", CnfType.SMF),
                    Map.entry("cnf", CnfType.OTHER),
                    Map.entry("nrf", CnfType.OTHER),
                    Map.entry("ausf", CnfType.OTHER),
                    Map.entry("udm", CnfType.OTHER),
                    Map.entry("pcf", CnfType.OTHER),
                    Map.entry("near-rt-ric", CnfType.OTHER));
        }
    }

    /**
     * @param siteLabel cluster label naming the site; clusters without it are pooled by region
     * @param serviceUri base URL under which this inventory is reachable (defaults to the request's)
     */
    public record O2ims(
            @DefaultValue("6f8e5c1a-3d2b-4c7e-9a10-5b4d3c2e1f00")
            String oCloudId,

            @DefaultValue("aiops-nextgen") String globalCloudId,
            @DefaultValue("AIOps NextGen O-Cloud") String name,

            @DefaultValue("The fleet of Kubernetes/OpenShift clusters registered with AIOps NextGen")
            String description,

            URI serviceUri,
            @DefaultValue("aiops.dev/site") String siteLabel,
            @Min(1) @DefaultValue("12") int maxDeliveryAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("10m") Duration maxBackoff,
            @DefaultValue("1s") Duration deliveryPollInterval,
            @DefaultValue("10s") Duration callbackTimeout) {}
}
