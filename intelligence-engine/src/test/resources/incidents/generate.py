#!/usr/bin/env python3
"""Writes the scripted RCA incidents of intelligence-engine's tests (one JSON file each).

Each file is a snapshot of what the platform APIs return for one cluster and window -- alerts (collector),
VES faults (collector), anomalies (engine), CNFs and intents (intent-service), package revisions
(porch-adapter), kube_pod_info labels (pod placement) -- in the contracts' snake_case shapes, plus the known
root cause as the graph id the engine should name. Seeded, so re-running rewrites the same files.
Run: python3 generate.py  (from this folder)
"""
import json
import random
import uuid
from datetime import datetime, timedelta, timezone

T0 = datetime(2026, 11, 20, 10, 0, 0, tzinfo=timezone.utc)
TYPES = ["node-failure", "bad-package-revision", "gpu-thermal-throttling", "ves-link-down",
         "prometheus-outage", "noisy-neighbour", "certificate-expiry"]
VARIANTS = 5
NODES = ["worker-1", "worker-2", "worker-3"]
CNFS = [("amf-core", "AMF", "open5gs"), ("smf-core", "SMF", "open5gs"),
        ("upf-edge", "UPF", "open5gs"), ("du-cell", "O-DU", "oran")]


def ts(minutes):
    return (T0 + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def uid(rnd):
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))


def fp(rnd):
    return "%016x" % rnd.getrandbits(64)


class Incident:
    def __init__(self, kind, variant):
        self.rnd = random.Random(f"{kind}-{variant}")
        r = self.rnd
        self.kind = kind
        self.cluster = f"edge-{variant + 1}"
        self.cluster_id = uid(r)
        self.alerts, self.anomalies, self.faults = [], [], []
        self.cnfs, self.revisions, self.intents, self.placement = [], [], [], []
        self.pods = {}  # pod -> (namespace, node)
        self.cnf_pods = {}
        self.cnf_meta = {}
        for i, (name, function, ns) in enumerate(CNFS):
            intent_id = uid(r)
            self.cnf_meta[name] = dict(id=uid(r), ns=ns, function=function, intent=intent_id,
                                       package=f"{name}-pkg", revision=3 + r.randrange(5))
            pods = []
            first = r.randrange(len(NODES))
            for rep in range(2):
                pod = f"{name}-{r.getrandbits(32):08x}"[:len(name) + 9] + f"-{r.getrandbits(20):05x}"
                node = NODES[(first + rep) % len(NODES)]
                self.pods[pod] = (ns, node)
                pods.append(pod)
            self.cnf_pods[name] = pods
        self.gpu_node = NODES[r.randrange(len(NODES))]
        for j in range(2):
            self.pods[f"inference-{j}-{r.getrandbits(24):06x}"] = ("ai", self.gpu_node)
        for node in NODES:
            self.pods[f"batch-{node}-{r.getrandbits(16):04x}"] = ("jobs", node)
        self.root = None

    # --- shapes ---------------------------------------------------------------------------------
    def alert(self, name, labels, minutes, severity="WARNING", state="FIRING"):
        labels = dict(labels, alertname=name, severity=severity.lower())
        self.alerts.append({
            "id": uid(self.rnd), "fingerprint": fp(self.rnd), "cluster_id": self.cluster_id,
            "cluster_name": self.cluster, "alertname": name, "severity": severity, "state": state,
            "labels": labels, "annotations": {"summary": name}, "starts_at": ts(minutes), "ends_at": None,
            "generator_url": "http://prometheus:9090/graph"})

    def anomaly(self, metric, labels, minutes, kind="SPIKE", actual=95.0, expected=40.0):
        self.anomalies.append({
            "id": uid(self.rnd), "cluster_id": self.cluster_id, "metric_name": metric, "labels": labels,
            "detection_type": "STATISTICAL", "severity": "HIGH", "anomaly_type": kind, "confidence_score": 0.9,
            "expected_value": expected, "actual_value": actual,
            "deviation_percent": (actual - expected) / abs(expected) * 100, "explanation": None,
            "detected_at": ts(minutes), "related_alerts": []})

    def fault(self, source, condition, iface, minutes):
        self.faults.append({
            "event_id": "fault-" + fp(self.rnd), "source_name": source, "domain": "fault",
            "event_name": "Fault_" + condition, "priority": "High", "severity": "CRITICAL",
            "start_time": ts(minutes), "received_at": ts(minutes),
            "event": {"commonEventHeader": {"domain": "fault", "sourceName": source},
                      "faultFields": {"alarmCondition": condition, "alarmInterfaceA": iface,
                                      "eventSeverity": "CRITICAL", "eventSourceType": "other",
                                      "faultFieldsVersion": "4.0", "specificProblem": condition,
                                      "vfStatus": "Active"}}})

    def cnf_transitions(self, name, transitions):
        self.cnf_meta[name].setdefault("history", []).extend(
            {"from": a, "to": b, "reason": reason, "at": ts(m)} for a, b, reason, m in transitions)

    def publish(self, name, minutes):
        meta = self.cnf_meta[name]
        meta["revision"] += 1
        rev = meta["revision"]
        self.revisions.append({
            "name": f"{meta['package']}-v{rev}", "package_name": meta["package"], "repository": "deployments",
            "workspace_name": f"ws-{rev}", "revision": rev, "lifecycle": "PUBLISHED", "site": self.cluster,
            "created_at": ts(minutes - 20), "updated_at": ts(minutes)})
        return f"package/{meta['package']}-v{rev}"

    def intent_changed(self, name, minutes, status="IN_PROGRESS"):
        meta = self.cnf_meta[name]
        self.intents.append({"id": meta["intent"], "text": f"Scale {meta['function']} on {self.cluster}",
                             "intent": None, "status": status, "status_reason": None,
                             "created_at": ts(minutes - 600), "updated_at": ts(minutes)})

    def pod_labels(self, pod):
        ns, _ = self.pods[pod]
        return {"namespace": ns, "pod": pod}

    # --- scenarios ------------------------------------------------------------------------------
    def script(self):
        r = self.rnd
        c = self.cluster
        name, _, ns = CNFS[r.randrange(len(CNFS))]
        getattr(self, self.kind.replace("-", "_"))(r, c, name, ns)
        self.noise(r, name)

    def node_failure(self, r, c, name, ns):
        node = NODES[r.randrange(len(NODES))]
        self.root = f"node/{c}/{node}"
        self.alert("KubeNodeNotReady", {"node": node}, 0, "CRITICAL")
        for pod, (pns, pnode) in self.pods.items():
            if pnode == node:
                self.alert(r.choice(["KubePodCrashLooping", "KubePodNotReady"]), self.pod_labels(pod),
                           2 + r.randrange(4))
        for cnf, pods in self.cnf_pods.items():
            if any(self.pods[p][1] == node for p in pods):
                self.cnf_transitions(cnf, [("ACTIVE", "DEGRADED", "replicas not ready", 4 + r.randrange(3))])

    def bad_package_revision(self, r, c, name, ns):
        self.intent_changed(name, -5 - r.randrange(10))
        self.root = self.publish(name, 0)
        self.cnf_transitions(name, [("ACTIVE", "UPDATING", "new revision", 1),
                                    ("UPDATING", "ACTIVE", "rolled out", 2)])
        for pod in self.cnf_pods[name]:
            self.alert("KubePodCrashLooping", self.pod_labels(pod), 3 + r.randrange(5))
        self.cnf_transitions(name, [("ACTIVE", "DEGRADED", "replicas not ready", 6 + r.randrange(4))])

    def gpu_thermal_throttling(self, r, c, name, ns):
        node = self.gpu_node
        gpu = str(r.randrange(2))
        self.root = f"gpu/{c}/{node}/{gpu}"
        gpu_labels = {"Hostname": node, "gpu": gpu, "UUID": f"GPU-{r.getrandbits(32):08x}"}
        self.alert("GpuThermalThrottling", gpu_labels, 0, "CRITICAL")
        if r.random() < 0.6:
            self.anomaly("gpu_temperature", gpu_labels, -1, "THRESHOLD_BREACH", 91.0, 70.0)
        for pod, (pns, pnode) in self.pods.items():
            if pns == "ai":
                self.anomaly("inference_latency_p95", self.pod_labels(pod), 1 + r.randrange(3), "SPIKE", 840, 120)
        if r.random() < 0.5:
            self.anomaly("node_power_draw", {"instance": f"{node}:9100"}, 2 + r.randrange(3), "DROP", 300, 520)

    def ves_link_down(self, r, c, name, ns):
        iface = {"upf-edge": "N3", "du-cell": "F1-U", "amf-core": "N2", "smf-core": "N4"}[name]
        self.root = f"link/{c}/{name}/{iface}"
        self.fault(name, "linkDown", iface, 0)
        self.alert(f"{iface}InterfaceDown", {"namespace": ns, "service": f"{name}-svc"}, 1, "CRITICAL")
        for pod in self.cnf_pods[name]:
            self.anomaly("cnf_throughput_mbps", self.pod_labels(pod), 1 + r.randrange(2), "DROP", 3, 480)

    def prometheus_outage(self, r, c, name, ns):
        self.root = f"monitoring/{c}"
        self.alert("PrometheusNotIngestingSamples", {"namespace": "monitoring", "pod": "prometheus-k8s-0"}, 0,
                   "CRITICAL")
        for node in NODES:
            self.alert("TargetDown", {"job": "node-exporter", "instance": f"{node}:9100"}, 1 + r.randrange(2))
        for pod in self.pods:
            if r.random() < 0.5:
                self.alert("KubeStateMetricsAbsent", self.pod_labels(pod), 1 + r.randrange(2))

    def noisy_neighbour(self, r, c, name, ns):
        node = NODES[r.randrange(len(NODES))]
        batch = next(p for p, (pns, pn) in self.pods.items() if pns == "jobs" and pn == node)
        self.root = f"pod/{c}/jobs/{batch}"
        self.anomaly("container_cpu_usage", self.pod_labels(batch), 0, "TREND_CHANGE", 7.8, 1.2)
        self.anomaly("node_cpu_utilisation", {"instance": f"{node}:9100"}, 1 + r.randrange(2), "TREND_CHANGE",
                     0.98, 0.55)
        for pod, (pns, pn) in self.pods.items():
            if pn == node and pod != batch:
                self.alert("HighRequestLatency", self.pod_labels(pod), 2 + r.randrange(4))

    def certificate_expiry(self, r, c, name, ns):
        cert = f"{name}-tls"
        self.root = f"certificate/{c}/{ns}/{cert}"
        self.alert("CertManagerCertExpired", {"namespace": ns, "name": cert}, 0, "CRITICAL")
        self.alert("TLSHandshakeErrors", {"namespace": ns, "service": f"{name}-svc"}, 1 + r.randrange(2))
        for pod in self.cnf_pods[name]:
            if r.random() < 0.7:
                self.anomaly("http_error_rate", self.pod_labels(pod), 1 + r.randrange(3), "SPIKE", 0.4, 0.01)

    def noise(self, r, incident_cnf):
        """Unrelated background: alerts and anomalies on other pods within the hour, an unrelated change."""
        others = [p for p in self.pods if not self.root.endswith(p)]
        for _ in range(2 + r.randrange(3)):
            pod = r.choice(others)
            if r.random() < 0.5:
                self.alert("KubeContainerWaiting", self.pod_labels(pod), -55 + r.randrange(60))
            else:
                self.anomaly("container_memory_working_set", self.pod_labels(pod), -55 + r.randrange(60))
        other = r.choice([n for n, _, _ in CNFS if n != incident_cnf])
        self.publish(other, -(30 + r.randrange(25)))

    def to_json(self):
        for name, meta in self.cnf_meta.items():
            self.cnfs.append({
                "id": meta["id"], "name": name, "function": meta["function"], "cluster_id": self.cluster_id,
                "cluster_name": self.cluster, "site": self.cluster, "namespace": meta["ns"], "state": "ACTIVE",
                "status_message": None, "replicas": 2, "ready_replicas": 2, "intent_id": meta["intent"],
                "package_name": meta["package"], "package_revision_name": f"{meta['package']}-v{meta['revision']}",
                "package_revision": meta["revision"], "last_error": None, "last_error_kind": None,
                "conditions": [], "history": meta.get("history", []), "created_at": ts(-2000),
                "updated_at": ts(0)})
        for pod, (ns, node) in self.pods.items():
            self.placement.append({"__name__": "kube_pod_info", "namespace": ns, "pod": pod, "node": node,
                                   "cluster": self.cluster})
        return {
            "name": f"{self.kind}-{self.cluster}", "type": self.kind, "root_cause": self.root,
            "window_start": ts(-60), "window_end": ts(15),
            "cluster_id": self.cluster_id, "cluster_name": self.cluster,
            "alerts": self.alerts, "anomalies": self.anomalies, "faults": self.faults, "cnfs": self.cnfs,
            "package_revisions": self.revisions, "intents": self.intents, "pod_placement": self.placement}


if __name__ == "__main__":
    for kind in TYPES:
        for v in range(VARIANTS):
            incident = Incident(kind, v)
            incident.script()
            with open(f"{kind}-{v + 1}.json", "w") as out:
                json.dump(incident.to_json(), out, indent=1)
                out.write("\n")
