package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalyDetection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What root-cause analysis knows about one cluster in one time window, as the owning services return it
 * (contract-shaped JSON: alerts, VES faults, CNFs, package revisions, intents; the engine's own anomalies; the
 * {@code kube_pod_info} labels that place pods on nodes). The scripted incidents of the tests are files of
 * exactly this shape.
 */
record FleetSnapshot(
        UUID clusterId,
        String clusterName,
        List<JsonNode> alerts,
        List<AnomalyDetection> anomalies,
        List<JsonNode> faults,
        List<JsonNode> cnfs,
        List<JsonNode> packageRevisions,
        List<JsonNode> intents,
        List<Map<String, String>> podPlacement) {

    FleetSnapshot {
        alerts = List.copyOf(alerts);
        anomalies = List.copyOf(anomalies);
        faults = List.copyOf(faults);
        cnfs = List.copyOf(cnfs);
        packageRevisions = List.copyOf(packageRevisions);
        intents = List.copyOf(intents);
        podPlacement = List.copyOf(podPlacement);
    }
}
