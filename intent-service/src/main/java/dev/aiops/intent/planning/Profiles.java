package dev.aiops.intent.planning;

import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.Sla;
import java.util.List;
import java.util.Map;

/**
 * Sizing per service type and function. The figures are starting points an operator would recognise,
 * not measurements: a UPF replica per 1 Gbps of eMBB traffic, an AMF replica per 500 000 mMTC devices,
 * two of everything for URLLC (a single replica cannot keep its reliability target through a restart).
 */
final class Profiles {

    /** Above this the planner refuses: more replicas of one function on one cluster is a different design. */
    static final int MAX_REPLICAS = Plan.MAX_REPLICAS;

    static final double UPF_MBPS_PER_REPLICA = 1000;
    static final long AMF_DEVICES_PER_REPLICA = 500_000;

    private static final Plan.Resources SMALL = new Plan.Resources("500m", "1", "1Gi", "2Gi");
    private static final Plan.Resources CONTROL = new Plan.Resources("1", "2", "2Gi", "4Gi");
    private static final Plan.Resources DATA_PLANE = new Plan.Resources("2", "4", "4Gi", "8Gi");

    private static final Map<String, Plan.Resources> RESOURCES = Map.of(
            "AMF", CONTROL,
            "SMF", CONTROL,
            "UPF", DATA_PLANE,
            "O-DU", DATA_PLANE,
            "O-CU-UP", DATA_PLANE,
            "O-CU-CP", CONTROL,
            "Near-RT-RIC", CONTROL);

    private Profiles() {}

    static List<String> functions(ServiceType service) {
        return switch (service) {
            case EMBB, MMTC -> List.of("AMF", "SMF", "UPF");
            case URLLC -> List.of("SMF", "UPF");
        };
    }

    static Plan.Resources resources(String function) {
        return RESOURCES.getOrDefault(function, SMALL);
    }

    /** Replicas for a function: what was asked, else what the service type and SLA call for. */
    static int replicas(String function, ServiceType service, Sla sla, Integer asked) {
        if (asked != null) {
            return asked;
        }
        if (service == null) {
            return 1;
        }
        return switch (service) {
            case URLLC -> 2;
            case EMBB ->
                function.equals("UPF") && sla != null && sla.bandwidthMbps() != null
                        ? (int) Math.max(1, Math.ceil(sla.bandwidthMbps() / UPF_MBPS_PER_REPLICA))
                        : 1;
            case MMTC ->
                function.equals("AMF") && sla != null && sla.devices() != null
                        ? (int) Math.max(1, Math.ceil((double) sla.devices() / AMF_DEVICES_PER_REPLICA))
                        : 1;
        };
    }
}
