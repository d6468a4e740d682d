package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.rca.FleetGraph;
import dev.aiops.rca.ObjectKind;
import dev.aiops.rca.Signal;
import dev.aiops.rca.SignalKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Builds the correlation graph of one cluster and window from a {@link FleetSnapshot}: the objects the data
 * names (cluster, nodes, pods, GPUs, CNFs, package revisions, intents, certificates, VES links, the cluster's
 * Prometheus) linked by "can affect" (cluster → node → pod, node → GPU → pod, pod → CNF, package
 * revision → CNF and its pods, intent → package revision, certificate → CNFs of its namespace, link → CNF,
 * monitoring → cluster, and pod → node only for a pod with a resource-usage anomaly), and the signals on them. Which object a signal sits on comes from the labels the
 * exporters put on it (pod, namespace, node, gpu, ...), never from the incident kind.
 *
 * <p>Ids are {@code kind/cluster/name...}, e.g. {@code node/edge-1/worker-2}, {@code pod/edge-1/open5gs/upf-7c9}.
 */
final class FleetGraphAssembler {

    /** Alert names that report the object's own failure rather than a symptom (weighed as faults). */
    static final Pattern FAULT_ALERTS = Pattern.compile(
            "(?i).*(NotReady|Unreachable|NodeDown|Throttl|Expired|LinkDown|HardwareError|XidError|Unhealthy).*");
    /** Alert names that say data stopped arriving: a gap, not a failure of the object. */
    static final Pattern MISSING_DATA_ALERTS =
            Pattern.compile("(?i).*(TargetDown|Absent|NoData|MissingData|ScrapeFail|TargetMissing).*");

    /** Metrics of resource consumption: an anomaly on one of a pod's means it may contend with its neighbours. */
    private static final Pattern RESOURCE_METRICS =
            Pattern.compile("(?i).*(cpu|memory|working_set|disk_io|network_transmit|network_receive).*");

    private static final Pattern CERTIFICATE_ALERTS = Pattern.compile("(?i).*(cert|tls|x509).*");
    private static final Pattern MONITORING_ALERTS = Pattern.compile("(?i)^(Prometheus|Thanos|Alertmanager).*");

    /** The graph, the signals, and for each signal what it came from (alert fingerprint, anomaly id, ...). */
    record Assembly(FleetGraph graph, List<Signal> signals, Map<Signal, String> references) {}

    private final FleetSnapshot snapshot;
    private final Instant from;
    private final Instant to;
    private final String cluster;
    private final FleetGraph graph = new FleetGraph();
    private final List<Signal> signals = new ArrayList<>();
    private final Map<Signal, String> references = new LinkedHashMap<>();
    private final Map<String, String> podNode = new HashMap<>();
    private final Map<String, Set<String>> nodePods = new HashMap<>();
    private final List<Cnf> cnfs = new ArrayList<>();
    private final Set<String> gpuLinked = new java.util.HashSet<>();

    private record Cnf(String id, String name, String namespace, String packageName, String intentId) {}

    private FleetGraphAssembler(FleetSnapshot snapshot, Instant from, Instant to) {
        this.snapshot = snapshot;
        this.from = from;
        this.to = to;
        this.cluster = snapshot.clusterName() != null ? snapshot.clusterName() : String.valueOf(snapshot.clusterId());
    }

    /** The graph of the snapshot; only signals that start within {@code [from, to]} are kept. */
    static Assembly assemble(FleetSnapshot snapshot, Instant from, Instant to) {
        FleetGraphAssembler a = new FleetGraphAssembler(snapshot, from, to);
        a.topology();
        a.changes();
        a.alerts();
        a.anomalies();
        a.faults();
        return new Assembly(a.graph, List.copyOf(a.signals), Map.copyOf(a.references));
    }

    static String clusterId(String cluster) {
        return "cluster/" + cluster;
    }

    private String clusterObject() {
        return clusterId(cluster);
    }

    private void topology() {
        graph.add(clusterObject(), ObjectKind.CLUSTER);
        String monitoring = "monitoring/" + cluster;
        graph.add(monitoring, ObjectKind.MONITORING).link(monitoring, clusterObject());
        for (Map<String, String> pod : snapshot.podPlacement()) {
            String namespace = pod.get("namespace");
            String name = pod.get("pod");
            String node = pod.get("node");
            if (blank(namespace) || blank(name)) {
                continue;
            }
            String podId = pod(namespace, name);
            if (!blank(node)) {
                String nodeId = node(node);
                podNode.put(podId, nodeId);
                nodePods.computeIfAbsent(nodeId, k -> new LinkedHashSet<>()).add(podId);
            }
        }
        for (JsonNode c : snapshot.cnfs()) {
            String clusterOfCnf = c.path("cluster_id").asString("");
            if (snapshot.clusterId() != null
                    && !clusterOfCnf.equals(snapshot.clusterId().toString())) {
                continue;
            }
            String name = c.path("name").asString("");
            if (name.isEmpty()) {
                continue;
            }
            Cnf cnf = new Cnf(
                    "cnf/" + cluster + "/" + name,
                    name,
                    c.path("namespace").asString(""),
                    c.path("package_name").asString(""),
                    c.path("intent_id").asString(""));
            cnfs.add(cnf);
            graph.add(cnf.id(), ObjectKind.CNF);
        }
        // pods known from placement join the graph with their node, and their CNF when they belong to one
        for (String podId : podNode.keySet()) {
            ensurePod(podId);
        }
    }

    /** Package revisions published, intents changed and CNF transitions in the window. */
    private void changes() {
        Map<String, Cnf> byPackage = new HashMap<>();
        Map<String, List<Cnf>> byIntent = new HashMap<>();
        for (Cnf cnf : cnfs) {
            if (!cnf.packageName().isEmpty()) {
                byPackage.put(cnf.packageName(), cnf);
            }
            if (!cnf.intentId().isEmpty()) {
                byIntent.computeIfAbsent(cnf.intentId(), k -> new ArrayList<>()).add(cnf);
            }
        }
        for (JsonNode revision : snapshot.packageRevisions()) {
            Cnf cnf = byPackage.get(revision.path("package_name").asString(""));
            if (cnf == null
                    || !"PUBLISHED".equalsIgnoreCase(revision.path("lifecycle").asString(""))) {
                continue;
            }
            Instant at = instant(revision.path("updated_at"));
            String id = "package/" + revision.path("name").asString("");
            graph.add(id, ObjectKind.PACKAGE_REVISION).link(id, cnf.id());
            for (String pod : podsOf(cnf)) {
                graph.link(id, pod);
            }
            if (!cnf.intentId().isEmpty()) {
                String intent = "intent/" + cnf.intentId();
                graph.add(intent, ObjectKind.INTENT).link(intent, id);
            }
            signal(
                    id,
                    SignalKind.CHANGE,
                    "revision v" + revision.path("revision").asInt() + " of " + cnf.packageName() + " published",
                    at,
                    "package_revision:" + revision.path("name").asString(""));
        }
        for (JsonNode intent : snapshot.intents()) {
            String intentId = intent.path("id").asString("");
            if (!byIntent.containsKey(intentId)) {
                continue;
            }
            String id = "intent/" + intentId;
            // an intent whose package revision is in the window already affects the CNF through it
            boolean throughPackage = graph.contains(id);
            graph.add(id, ObjectKind.INTENT);
            if (!throughPackage) {
                for (Cnf cnf : byIntent.get(intentId)) {
                    graph.link(id, cnf.id());
                }
            }
            signal(
                    id,
                    SignalKind.CHANGE,
                    "intent " + intent.path("status").asString("updated").toLowerCase(Locale.ROOT),
                    instant(intent.path("updated_at")),
                    "intent:" + intentId);
        }
        for (JsonNode c : snapshot.cnfs()) {
            String id = "cnf/" + cluster + "/" + c.path("name").asString("");
            if (!graph.contains(id)) {
                continue;
            }
            for (JsonNode transition : c.path("history")) {
                String target = transition.path("to").asString("");
                SignalKind kind = switch (target) {
                    case "DEGRADED", "FAILED" -> SignalKind.ALERT;
                    case "UPDATING", "SCALING" -> SignalKind.CHANGE;
                    default -> null;
                };
                if (kind != null) {
                    signal(
                            id,
                            kind,
                            "CNF " + transition.path("from").asString("?") + " -> " + target,
                            instant(transition.path("at")),
                            "cnf:" + c.path("id").asString(""));
                }
            }
        }
    }

    private void alerts() {
        for (JsonNode alert : snapshot.alerts()) {
            String name = alert.path("alertname").asString("");
            Map<String, String> labels = labels(alert.path("labels"));
            String object = objectFor(name, labels);
            SignalKind kind = FAULT_ALERTS.matcher(name).matches()
                    ? SignalKind.FAULT
                    : MISSING_DATA_ALERTS.matcher(name).matches() ? SignalKind.MISSING_DATA : SignalKind.ALERT;
            signal(
                    object,
                    kind,
                    name,
                    instant(alert.path("starts_at")),
                    "alert:" + alert.path("fingerprint").asString(""));
        }
    }

    /**
     * Anomalies sit on the object their labels name. A pod whose resource usage is anomalous can starve its node
     * (a noisy neighbour): only then does the graph get the pod → node edge. Linking every pod to its node would
     * let any change that reaches one pod reach every pod on the same node.
     */
    private void anomalies() {
        for (AnomalyDetection anomaly : snapshot.anomalies()) {
            String object = objectFor(anomaly.metricName(), anomaly.labels());
            String node = podNode.get(object);
            if (node != null && RESOURCE_METRICS.matcher(anomaly.metricName()).matches()) {
                graph.link(object, node);
            }
            signal(
                    object,
                    SignalKind.ANOMALY,
                    anomaly.metricName() + " " + anomaly.anomalyType().name().toLowerCase(Locale.ROOT),
                    anomaly.detectedAt(),
                    "anomaly:" + anomaly.id());
        }
    }

    /** VES faults of a CNF (its {@code sourceName}) sit on the interface that failed, linked to the CNF. */
    private void faults() {
        for (JsonNode fault : snapshot.faults()) {
            String source = fault.path("source_name").asString("");
            Cnf cnf = cnfs.stream()
                    .filter(c -> c.name().equals(source))
                    .findFirst()
                    .orElse(null);
            if (cnf == null) {
                continue;
            }
            JsonNode fields = fault.path("event").path("faultFields");
            String iface = fields.path("alarmInterfaceA").asString("");
            String condition = fields.path("alarmCondition")
                    .asString(fault.path("event_name").asString("fault"));
            String link = "link/" + cluster + "/" + source + "/" + (iface.isEmpty() ? "link" : iface);
            graph.add(link, ObjectKind.LINK).link(link, cnf.id());
            String severity = fault.path("severity").asString("");
            SignalKind kind = "NORMAL".equalsIgnoreCase(severity) ? null : SignalKind.FAULT;
            if (kind != null) {
                signal(
                        link,
                        kind,
                        "VES fault " + condition,
                        instant(fault.path("start_time")),
                        "fcaps:" + fault.path("event_id").asString(""));
            }
        }
    }

    /** The object a signal with these labels is about, added to the graph with its links. */
    private String objectFor(String name, Map<String, String> labels) {
        String namespace = labels.get("namespace");
        if (MONITORING_ALERTS.matcher(name).matches()) {
            return "monitoring/" + cluster;
        }
        if (CERTIFICATE_ALERTS.matcher(name).matches()) {
            String cert = first(labels, "certificate", "secret_name", "name", "secret");
            if (cert != null) {
                String id = "certificate/" + cluster + "/" + (namespace == null ? "" : namespace) + "/" + cert;
                graph.add(id, ObjectKind.CERTIFICATE);
                for (Cnf cnf : cnfs) {
                    if (cnf.namespace().equals(namespace)) {
                        graph.link(id, cnf.id());
                    }
                }
                return id;
            }
        }
        String node = first(labels, "node", "kubernetes_node", "Hostname", "hostname");
        if (node == null && labels.get("instance") != null && labels.get("pod") == null) {
            node = labels.get("instance").replaceFirst(":\\d+$", "");
        }
        String gpu = first(labels, "gpu", "UUID", "gpu_uuid");
        if (gpu != null && node != null) {
            String nodeId = ensureNode(node);
            String id = "gpu/" + cluster + "/" + node + "/" + gpu;
            graph.add(id, ObjectKind.GPU);
            if (gpuLinked.add(id)) {
                graph.link(nodeId, id);
                for (String pod : nodePods.getOrDefault(nodeId, Set.of())) {
                    graph.link(id, pod);
                }
            }
            String pod = labels.get("pod");
            if (pod != null && namespace != null) {
                // DCGM puts the pod using the GPU on the GPU's own series: the GPU affects that pod
                String podId = ensurePod(pod(namespace, pod));
                graph.link(id, podId);
            }
            return id;
        }
        String pod = labels.get("pod");
        if (pod != null && namespace != null) {
            String podId = ensurePod(pod(namespace, pod));
            if (node != null && !podNode.containsKey(podId)) {
                String nodeId = ensureNode(node);
                podNode.put(podId, nodeId);
                nodePods.computeIfAbsent(nodeId, k -> new LinkedHashSet<>()).add(podId);
                graph.link(nodeId, podId);
            }
            return podId;
        }
        String cnfLabel = first(labels, "cnf", "network_function");
        for (Cnf cnf : cnfs) {
            if (cnf.name().equals(cnfLabel)
                    || (cnfLabel == null
                            && namespace != null
                            && cnf.namespace().equals(namespace)
                            && labels.get("service") != null
                            && labels.get("service").startsWith(cnf.name()))) {
                return cnf.id();
            }
        }
        if (node != null) {
            return ensureNode(node);
        }
        if (namespace != null) {
            List<Cnf> inNamespace =
                    cnfs.stream().filter(c -> c.namespace().equals(namespace)).toList();
            if (inNamespace.size() == 1) {
                return inNamespace.get(0).id();
            }
        }
        return clusterObject();
    }

    private String ensureNode(String node) {
        String id = node(node);
        if (!graph.contains(id)) {
            graph.add(id, ObjectKind.NODE).link(clusterObject(), id);
        }
        return id;
    }

    private String ensurePod(String podId) {
        if (graph.contains(podId)) {
            return podId;
        }
        graph.add(podId, ObjectKind.POD);
        String nodeId = podNode.get(podId);
        if (nodeId != null) {
            ensureNode(nodeId.substring(nodeId.lastIndexOf('/') + 1));
            graph.link(nodeId, podId);
        }
        for (Cnf cnf : cnfs) {
            if (belongsTo(podId, cnf)) {
                graph.link(podId, cnf.id());
            }
        }
        return podId;
    }

    private List<String> podsOf(Cnf cnf) {
        List<String> pods = new ArrayList<>();
        for (var object : graph.objects()) {
            if (object.kind() == ObjectKind.POD && belongsTo(object.id(), cnf)) {
                pods.add(object.id());
            }
        }
        return pods;
    }

    /** A Deployment's pods are named {@code <name>-<hash>-<suffix>}, in the CNF's namespace. */
    private boolean belongsTo(String podId, Cnf cnf) {
        String prefix = "pod/" + cluster + "/" + cnf.namespace() + "/" + cnf.name() + "-";
        return !cnf.namespace().isEmpty() && podId.startsWith(prefix);
    }

    private String node(String node) {
        return "node/" + cluster + "/" + node;
    }

    private String pod(String namespace, String pod) {
        return "pod/" + cluster + "/" + namespace + "/" + pod;
    }

    private void signal(String object, SignalKind kind, String name, Instant at, String reference) {
        if (at == null || at.isBefore(from) || at.isAfter(to)) {
            return;
        }
        Signal signal = new Signal(object, kind, name, at);
        signals.add(signal);
        references.putIfAbsent(signal, reference);
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        return labels;
    }

    private static String first(Map<String, String> labels, String... keys) {
        for (String key : keys) {
            String value = labels.get(key);
            if (!blank(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static Instant instant(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        try {
            return Instant.parse(node.asString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
