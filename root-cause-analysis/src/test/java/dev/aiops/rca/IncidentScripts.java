package dev.aiops.rca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Scripted incidents with a known root cause on a small two-cluster fleet, each with seeded background noise:
 * unrelated alerts and anomalies around the incident and an unrelated change hours before it.
 */
final class IncidentScripts {

    record Incident(String name, String type, FleetGraph graph, List<Signal> signals, String rootCause) {}

    static final String[] TYPES = {
        "node-failure",
        "bad-package-revision",
        "gpu-thermal-throttling",
        "ves-link-down",
        "prometheus-outage",
        "noisy-neighbour",
        "certificate-expiry"
    };
    static final int CLUSTERS = 2;
    static final int NODES = 3;
    static final int PODS = 3;
    static final String[] CNFS = {"amf", "smf", "upf", "du"};
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private IncidentScripts() {}

    /** Incidents with seeds {@code from} (inclusive) to {@code to} (exclusive) of every type. */
    static List<Incident> all(int from, int to) {
        List<Incident> incidents = new ArrayList<>();
        for (String type : TYPES) {
            for (int i = from; i < to; i++) {
                incidents.add(script(type, 1_000L * type.hashCode() + i));
            }
        }
        return incidents;
    }

    static String pod(int c, int n, int p) {
        return "c" + c + "-n" + n + "-p" + p;
    }

    static String node(int c, int n) {
        return "c" + c + "-n" + n;
    }

    /** Pods of a CNF: two replicas on different nodes of cluster (k % CLUSTERS) + 1. */
    static List<String> podsOf(int k) {
        int c = k % CLUSTERS + 1;
        return List.of(pod(c, k % NODES + 1, k % PODS + 1), pod(c, (k + 1) % NODES + 1, (k + 2) % PODS + 1));
    }

    static FleetGraph fleet() {
        FleetGraph g = new FleetGraph();
        for (int c = 1; c <= CLUSTERS; c++) {
            String cluster = "c" + c;
            g.add(cluster, ObjectKind.CLUSTER).add("prom-" + cluster, ObjectKind.MONITORING);
            g.link("prom-" + cluster, cluster);
            for (int n = 1; n <= NODES; n++) {
                g.add(node(c, n), ObjectKind.NODE).link(cluster, node(c, n));
                String gpu = node(c, n) + "-gpu";
                g.add(gpu, ObjectKind.GPU).link(node(c, n), gpu);
                for (int p = 1; p <= PODS; p++) {
                    g.add(pod(c, n, p), ObjectKind.POD)
                            .link(node(c, n), pod(c, n, p))
                            .link(pod(c, n, p), node(c, n));
                    if (p <= 2) {
                        g.link(gpu, pod(c, n, p));
                    }
                }
            }
        }
        for (int k = 0; k < CNFS.length; k++) {
            String cnf = "cnf-" + CNFS[k];
            g.add(cnf, ObjectKind.CNF)
                    .add("link-" + CNFS[k], ObjectKind.LINK)
                    .add("pkg-" + CNFS[k], ObjectKind.PACKAGE_REVISION)
                    .add("intent-" + CNFS[k], ObjectKind.INTENT)
                    .add("cert-" + CNFS[k], ObjectKind.CERTIFICATE);
            g.link("link-" + CNFS[k], cnf).link("pkg-" + CNFS[k], cnf).link("cert-" + CNFS[k], cnf);
            g.link("intent-" + CNFS[k], "pkg-" + CNFS[k]);
            for (String pod : podsOf(k)) {
                g.link(pod, cnf).link("pkg-" + CNFS[k], pod);
            }
        }
        return g;
    }

    static Incident script(String type, long seed) {
        Random random = new Random(seed);
        FleetGraph g = fleet();
        List<Signal> s = new ArrayList<>();
        int c = random.nextInt(CLUSTERS) + 1;
        int n = random.nextInt(NODES) + 1;
        int k = random.nextInt(CNFS.length);
        String cnf = "cnf-" + CNFS[k];
        String root;
        switch (type) {
            case "node-failure" -> {
                root = node(c, n);
                s.add(signal(root, SignalKind.FAULT, "KubeNodeNotReady", 0));
                s.add(signal(root, SignalKind.MISSING_DATA, "node-exporter gap", 1));
                for (int p = 1; p <= PODS; p++) {
                    s.add(signal(pod(c, n, p), SignalKind.ALERT, "KubePodCrashLooping", 2 + random.nextInt(4)));
                }
                for (int j = 0; j < CNFS.length; j++) {
                    for (String pod : podsOf(j)) {
                        if (pod.startsWith(root + "-")) {
                            s.add(signal("cnf-" + CNFS[j], SignalKind.ALERT, "CnfDegraded", 4 + random.nextInt(3)));
                        }
                    }
                }
            }
            case "bad-package-revision" -> {
                root = "pkg-" + CNFS[k];
                s.add(signal("intent-" + CNFS[k], SignalKind.CHANGE, "intent updated", -5 - random.nextInt(10)));
                s.add(signal(root, SignalKind.CHANGE, "revision v" + (3 + random.nextInt(5)) + " published", 0));
                for (String pod : podsOf(k)) {
                    s.add(signal(pod, SignalKind.ALERT, "KubePodCrashLooping", 3 + random.nextInt(5)));
                }
                s.add(signal(cnf, SignalKind.ALERT, "CnfDegraded", 6 + random.nextInt(4)));
            }
            case "gpu-thermal-throttling" -> {
                root = node(c, n) + "-gpu";
                s.add(signal(root, SignalKind.FAULT, "DCGM thermal throttling", 0));
                s.add(signal(pod(c, n, 1), SignalKind.ANOMALY, "inference latency", 1 + random.nextInt(3)));
                s.add(signal(pod(c, n, 2), SignalKind.ANOMALY, "inference latency", 1 + random.nextInt(3)));
                if (random.nextBoolean()) {
                    s.add(signal(node(c, n), SignalKind.ANOMALY, "power draw", 2 + random.nextInt(3)));
                }
            }
            case "ves-link-down" -> {
                root = "link-" + CNFS[k];
                s.add(signal(root, SignalKind.FAULT, "VES fault linkDown", 0));
                s.add(signal(cnf, SignalKind.ALERT, "N2/N3 interface down", 1));
                for (String pod : podsOf(k)) {
                    s.add(signal(pod, SignalKind.ANOMALY, "throughput drop", 1 + random.nextInt(2)));
                }
            }
            case "prometheus-outage" -> {
                root = "prom-c" + c;
                s.add(signal(root, SignalKind.ALERT, "PrometheusNotIngestingSamples", 0));
                for (int nn = 1; nn <= NODES; nn++) {
                    s.add(signal(node(c, nn), SignalKind.MISSING_DATA, "no samples", 1 + random.nextInt(2)));
                    for (int p = 1; p <= PODS; p++) {
                        if (random.nextInt(3) > 0) {
                            s.add(signal(pod(c, nn, p), SignalKind.MISSING_DATA, "no samples", 1 + random.nextInt(2)));
                        }
                    }
                }
            }
            case "noisy-neighbour" -> {
                int p = random.nextInt(PODS) + 1;
                root = pod(c, n, p);
                s.add(signal(root, SignalKind.ANOMALY, "CPU usage", 0));
                s.add(signal(node(c, n), SignalKind.ANOMALY, "CPU saturation", 1 + random.nextInt(2)));
                for (int q = 1; q <= PODS; q++) {
                    if (q != p) {
                        s.add(signal(pod(c, n, q), SignalKind.ALERT, "latency SLO burn", 2 + random.nextInt(4)));
                    }
                }
            }
            case "certificate-expiry" -> {
                root = "cert-" + CNFS[k];
                s.add(signal(root, SignalKind.FAULT, "certificate expired", 0));
                s.add(signal(cnf, SignalKind.ALERT, "TLS handshake failures", 1 + random.nextInt(2)));
                for (String pod : podsOf(k)) {
                    if (random.nextBoolean()) {
                        s.add(signal(pod, SignalKind.ANOMALY, "error rate", 1 + random.nextInt(3)));
                    }
                }
            }
            default -> throw new IllegalArgumentException(type);
        }
        addNoise(g, s, random, root);
        return new Incident(type + "#" + seed, type, g, s, root);
    }

    /** Unrelated alerts and anomalies within an hour of the incident and an unrelated change hours before. */
    private static void addNoise(FleetGraph g, List<Signal> s, Random random, String root) {
        List<String> pods = new ArrayList<>();
        for (FleetObject o : g.objects()) {
            if (o.kind() == ObjectKind.POD && !o.id().equals(root)) {
                pods.add(o.id());
            }
        }
        int noise = 2 + random.nextInt(3);
        for (int i = 0; i < noise; i++) {
            String pod = pods.get(random.nextInt(pods.size()));
            SignalKind kind = random.nextBoolean() ? SignalKind.ALERT : SignalKind.ANOMALY;
            s.add(signal(pod, kind, "background " + kind.name().toLowerCase(), -60 + random.nextInt(120)));
        }
        String other = "pkg-" + CNFS[random.nextInt(CNFS.length)];
        if (!other.equals(root)) {
            s.add(signal(other, SignalKind.CHANGE, "unrelated revision", -(120 + random.nextInt(240))));
        }
    }

    private static Signal signal(String object, SignalKind kind, String name, int minutes) {
        return new Signal(object, kind, name, T0.plus(Duration.ofMinutes(minutes)));
    }
}
