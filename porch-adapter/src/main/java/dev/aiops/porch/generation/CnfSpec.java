package dev.aiops.porch.generation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a network function needs on one site; the {@code cnf} member of {@code POST /api/v1/packages}.
 * Checked by {@link CnfSpecValidator} rather than Bean Validation because quantities and the
 * function-dependent rules (DPDK needs hugepages) do not fit single-field constraints.
 *
 * @param function AMF, SMF, UPF, NRF, AUSF, UDM, O-DU, O-CU-CP, O-CU-UP or Near-RT-RIC
 * @param site the target site, written to the Kptfile's {@code info.site} and the {@code aiops.dev/site} label
 * @param replicas 1 to {@value CnfSpecValidator#MAX_REPLICAS}, default 1
 * @param namespace the namespace set by the package's set-namespace mutator, default the function family's
 * @param image overrides the template's container image
 * @param labels SLA and other labels set on every resource by the set-labels mutator
 */
@JsonNaming(SnakeCaseStrategy.class)
public record CnfSpec(
        String function,
        String site,
        Integer replicas,
        String namespace,
        String image,
        Resources resources,
        List<NetworkInterface> interfaces,
        Map<String, String> config,
        Map<String, String> labels) {

    /**
     * Kubernetes quantities; null fields take the template's defaults.
     *
     * @param sriovResource the SR-IOV device plugin's resource name for {@code interfaces} of type sriov
     * @param dpdk whether the data plane uses DPDK poll-mode drivers (needs hugepages and an SCC exception)
     */
    @JsonNaming(SnakeCaseStrategy.class)
    public record Resources(
            String cpu,
            String memory,
            String cpuLimit,
            String memoryLimit,
            @JsonProperty("hugepages_1gi") String hugepages1Gi,
            @JsonProperty("hugepages_2mi") String hugepages2Mi,
            Integer gpu,
            String sriovResource,
            Boolean dpdk) {}

    /**
     * An extra (Multus) interface.
     *
     * @param type CNI plugin: sriov, macvlan, ipvlan or host-device
     * @param master host interface for macvlan / ipvlan / host-device
     * @param subnet CIDR for whereabouts IPAM, or null for none
     */
    @JsonNaming(SnakeCaseStrategy.class)
    public record NetworkInterface(String name, String type, String master, String subnet) {}
}
