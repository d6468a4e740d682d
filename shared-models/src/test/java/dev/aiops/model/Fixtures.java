package dev.aiops.model;

import dev.aiops.model.cluster.AuthType;
import dev.aiops.model.cluster.ClusterCapabilities;
import dev.aiops.model.cluster.ClusterCreateRequest;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterStatus;
import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.cluster.CnfType;
import dev.aiops.model.cluster.Connectivity;
import dev.aiops.model.cluster.CredentialsRequest;
import dev.aiops.model.cluster.Environment;
import dev.aiops.model.cluster.Platform;
import dev.aiops.model.cnf.CnfErrorKind;
import dev.aiops.model.cnf.CnfState;
import dev.aiops.model.cnf.CnfView;
import dev.aiops.model.cnf.Rule;
import dev.aiops.model.cnf.RuleAction;
import dev.aiops.model.cnf.RuleSource;
import dev.aiops.model.cnf.RuleTarget;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.model.gpu.GpuProcess;
import dev.aiops.model.gpu.GpuProcessType;
import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.AnomalySeverity;
import dev.aiops.model.intelligence.AnomalyType;
import dev.aiops.model.intelligence.ChatMessage;
import dev.aiops.model.intelligence.DetectionType;
import dev.aiops.model.intelligence.MessageRole;
import dev.aiops.model.intelligence.Persona;
import dev.aiops.model.intelligence.ToolCall;
import dev.aiops.model.intelligence.ToolResult;
import dev.aiops.model.intelligence.ToolResultStatus;
import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.intent.IntentSource;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ParseInfo;
import dev.aiops.model.intent.ParseMethod;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.Sla;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.model.intent.tmf.Characteristic;
import dev.aiops.model.intent.tmf.EntityRef;
import dev.aiops.model.intent.tmf.Intent;
import dev.aiops.model.intent.tmf.IntentExpression;
import dev.aiops.model.intent.tmf.RelatedParty;
import dev.aiops.model.intent.tmf.TimePeriod;
import dev.aiops.model.observability.Alert;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.model.observability.AlertState;
import dev.aiops.model.observability.AlertmanagerAlert;
import dev.aiops.model.observability.AlertmanagerWebhook;
import dev.aiops.model.observability.FederatedMetricResponse;
import dev.aiops.model.observability.KpmReport;
import dev.aiops.model.observability.MetricQuery;
import dev.aiops.model.observability.MetricResult;
import dev.aiops.model.observability.MetricResultStatus;
import dev.aiops.model.observability.MetricResultType;
import dev.aiops.model.observability.MetricSample;
import dev.aiops.model.observability.MetricSeries;
import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic, valid instance of each contract record; golden files hold their JSON. */
public final class Fixtures {

    public static final UUID CLUSTER_ID = UUID.fromString("3f2b8c1e-7a4d-4e9b-9c21-5d8e7f6a1b20");
    public static final UUID OTHER_CLUSTER_ID = UUID.fromString("b7e4d2a9-1c3f-4a8e-8d5b-2f6c9e0a7b13");
    public static final UUID INTENT_ID = UUID.fromString("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f");
    public static final UUID SESSION_ID = UUID.fromString("6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d");
    public static final Instant CREATED = Instant.parse("2026-01-10T08:30:00Z");
    public static final Instant NOW = Instant.parse("2026-01-15T10:05:12.345Z");

    private Fixtures() {}

    // Cluster

    public static ClusterView clusterView() {
        return new ClusterView(
                CLUSTER_ID,
                "edge-paris-01",
                "Edge Paris 01",
                "https://api.edge-paris-01.example.net:6443",
                ClusterType.EDGE,
                Platform.OPENSHIFT,
                "4.18.3",
                "eu-west",
                Environment.PRODUCTION,
                new ClusterStatus(
                        ClusterState.DEGRADED, 85, Connectivity.CONNECTED, "Loki /ready: 503", true, true, null, false),
                new ClusterCapabilities(
                        true,
                        2,
                        List.of("NVIDIA H100 80GB HBM3"),
                        true,
                        false,
                        false,
                        true,
                        false,
                        true,
                        List.of(CnfType.UPF, CnfType.VDU)),
                new ClusterEndpoints(
                        "https://prometheus.edge-paris-01.example.net",
                        null,
                        "https://loki.edge-paris-01.example.net",
                        "https://alertmanager.edge-paris-01.example.net"),
                Map.of("site", "paris-01", "tier", "edge"),
                true,
                Instant.parse("2026-04-10T00:00:00Z"),
                7,
                CREATED,
                Instant.parse("2026-01-15T09:00:00Z"),
                Instant.parse("2026-01-15T10:04:45Z"));
    }

    public static ClusterCreateRequest clusterCreateRequest() {
        return new ClusterCreateRequest(
                "edge-paris-01",
                "Edge Paris 01",
                "https://api.edge-paris-01.example.net:6443",
                ClusterType.EDGE,
                Platform.OPENSHIFT,
                "4.18.3",
                "eu-west",
                Environment.PRODUCTION,
                new ClusterEndpoints("https://prometheus.edge-paris-01.example.net", null, null, null),
                Map.of("site", "paris-01"),
                new CredentialsRequest(AuthType.KUBECONFIG, "apiVersion: v1\nkind: Config\n", null, null, null));
    }

    public static EventEnvelope<ClusterStatusChangedEvent> clusterStatusChangedEnvelope() {
        return new EventEnvelope<>(
                UUID.fromString("0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a"),
                EventType.CLUSTER_STATUS_CHANGED,
                "cluster-registry",
                CLUSTER_ID,
                NOW,
                "health-check-4711",
                new ClusterStatusChangedEvent(
                        CLUSTER_ID, ClusterState.ONLINE, ClusterState.DEGRADED, 85, "Loki /ready answered 503"));
    }

    public static PagedResponse<ClusterView> clusterPage() {
        return PagedResponse.of(List.of(clusterView()), 41, PageQuery.of(3, 20));
    }

    // Observability

    public static MetricQuery metricQuery() {
        return new MetricQuery(
                "sum by (namespace) (rate(container_cpu_usage_seconds_total[5m]))",
                List.of(CLUSTER_ID, OTHER_CLUSTER_ID),
                Instant.parse("2026-01-15T09:00:00Z"),
                Instant.parse("2026-01-15T10:00:00Z"),
                "5m",
                60);
    }

    public static FederatedMetricResponse federatedMetricResponse() {
        MetricResult ok = new MetricResult(
                CLUSTER_ID,
                "edge-paris-01",
                MetricResultStatus.SUCCESS,
                MetricResultType.MATRIX,
                List.of(new MetricSeries(
                        Map.of("namespace", "cnf-upf", "cluster", "edge-paris-01"),
                        List.of(
                                new MetricSample(new BigDecimal("1768467600"), "0.412"),
                                new MetricSample(new BigDecimal("1768467900.5"), "0.398")),
                        null)),
                null,
                142);
        MetricResult timedOut = new MetricResult(
                OTHER_CLUSTER_ID,
                "core-lyon-01",
                MetricResultStatus.TIMEOUT,
                MetricResultType.MATRIX,
                List.of(),
                "query timed out after 60s",
                60_000);
        return new FederatedMetricResponse(
                List.of(ok, timedOut), 60_012, 2, 1, List.of("cluster core-lyon-01: query timed out after 60s"));
    }

    public static Alert alert() {
        return new Alert(
                UUID.fromString("9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b"),
                "5b3c2e1f9a8d7c6b",
                CLUSTER_ID,
                "edge-paris-01",
                "KubePodCrashLooping",
                AlertSeverity.WARNING,
                AlertState.FIRING,
                Map.of(
                        "alertname", "KubePodCrashLooping",
                        "namespace", "cnf-upf",
                        "pod", "upf-7d9f8b6c5-x2x4k",
                        "severity", "warning"),
                Map.of("summary", "Pod is crash looping."),
                Instant.parse("2026-01-15T10:02:31.482Z"),
                null,
                "https://prometheus.edge-paris-01.example.net/graph?g0.expr=kube_pod_container_status_waiting_reason");
    }

    /** The same payload as golden/alertmanager-webhook.json, a firing and a resolved alert in one group. */
    public static AlertmanagerWebhook alertmanagerWebhook() {
        Map<String, String> common = Map.of(
                "alertname", "KubePodCrashLooping",
                "namespace", "cnf-upf",
                "prometheus", "openshift-monitoring/k8s",
                "severity", "warning");
        Map<String, String> firingLabels = new LinkedHashMap<>(common);
        firingLabels.put("container", "upf");
        firingLabels.put("pod", "upf-7d9f8b6c5-x2x4k");
        Map<String, String> resolvedLabels = new LinkedHashMap<>(common);
        resolvedLabels.put("container", "upf");
        resolvedLabels.put("pod", "upf-7d9f8b6c5-q8r2m");
        return new AlertmanagerWebhook(
                "4",
                "{}/{severity=~\"warning|critical\"}:{alertname=\"KubePodCrashLooping\"}",
                0,
                "firing",
                "aiops-webhook",
                Map.of("alertname", "KubePodCrashLooping"),
                common,
                Map.of("runbook_url", "https://runbooks.example.net/KubePodCrashLooping"),
                "https://alertmanager-main-openshift-monitoring.apps.edge-paris-01.example.net",
                List.of(
                        new AlertmanagerAlert(
                                "firing",
                                firingLabels,
                                Map.of(
                                        "description",
                                        "Pod cnf-upf/upf-7d9f8b6c5-x2x4k (upf) is in waiting state (reason: \"CrashLoopBackOff\").",
                                        "runbook_url",
                                        "https://runbooks.example.net/KubePodCrashLooping",
                                        "summary",
                                        "Pod is crash looping."),
                                Instant.parse("2026-01-15T10:02:31.482Z"),
                                Instant.parse("0001-01-01T00:00:00Z"),
                                "https://console-openshift-console.apps.edge-paris-01.example.net/monitoring/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_reason%7Breason%3D%22CrashLoopBackOff%22%7D%5B5m%5D%29+%3E%3D+1",
                                "5b3c2e1f9a8d7c6b"),
                        new AlertmanagerAlert(
                                "resolved",
                                resolvedLabels,
                                Map.of("summary", "Pod is crash looping."),
                                Instant.parse("2026-01-15T09:41:02.117Z"),
                                Instant.parse("2026-01-15T09:58:02.117Z"),
                                "https://console-openshift-console.apps.edge-paris-01.example.net/monitoring/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_reason%7Breason%3D%22CrashLoopBackOff%22%7D%5B5m%5D%29+%3E%3D+1",
                                "a41f0c2d6e7b8391")));
    }

    public static KpmReport kpmReport() {
        return new KpmReport(
                "gnb-paris-01-du-1",
                "310-410-0001",
                NOW,
                12.4,
                0.82,
                187,
                Map.of("DRB.UEThpDl", 245_300.0, "RRU.PrbUsedDl", 223.0, "RRU.PrbTotDl", 273.0));
    }

    // GPU

    /** Readings from the H100 in the nvidia-smi fixtures: no fan ([N/A]), one compute process. */
    public static GpuNode gpuNode() {
        Gpu h100 = new Gpu(
                0,
                "GPU-42a0d46f-aa1d-4839-9933-9a7101e976e4",
                "NVIDIA H100 80GB HBM3",
                "580.159.04",
                "13.0",
                81_559L,
                883L,
                80_197L,
                1.0,
                0.0,
                39.0,
                84.04,
                700.0,
                null,
                List.of(new GpuProcess(449, "python3", 874L, GpuProcessType.COMPUTE)));
        return new GpuNode(CLUSTER_ID, "edge-paris-01", "worker-gpu-0", List.of(h100), NOW);
    }

    // Intelligence

    public static Persona persona() {
        return new Persona(
                "gpu-expert",
                "GPU Expert",
                "Answers questions about GPU capacity, utilisation and workloads across the fleet.",
                "You are a GPU operations expert. Use the tools to read live GPU data before answering.",
                List.of("get_gpu_nodes", "get_gpu_processes", "get_gpu_summary", "query_metrics"),
                "gpu",
                true,
                "system");
    }

    public static ChatMessage chatMessageWithToolCalls() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("cluster_id", CLUSTER_ID.toString());
        arguments.put("include_processes", true);
        arguments.put("limit", 10);
        Map<String, Object> gpuResult = new LinkedHashMap<>();
        gpuResult.put("node_name", "worker-gpu-0");
        gpuResult.put("gpu_count", 1);
        gpuResult.put("utilization_gpu_percent", 1.0);
        return new ChatMessage(
                UUID.fromString("2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819"),
                SESSION_ID,
                MessageRole.ASSISTANT,
                "worker-gpu-0 on edge-paris-01 has one H100 at 1% utilisation; python3 (PID 449) holds 874 MiB.",
                "gpu-expert",
                List.of(new ToolCall("call_01", "get_gpu_nodes", arguments)),
                List.of(new ToolResult("call_01", ToolResultStatus.SUCCESS, List.of(gpuResult), null)),
                "granite-3.3-8b-instruct",
                1_284,
                2_310L,
                NOW);
    }

    public static AnomalyDetection anomalyDetection() {
        return new AnomalyDetection(
                UUID.fromString("7c6b5a49-3827-4615-9504-f3e2d1c0b9a8"),
                CLUSTER_ID,
                "e2_kpm_p95_latency_ms",
                Map.of("node_id", "gnb-paris-01-du-1", "cell_id", "310-410-0001"),
                DetectionType.STATISTICAL,
                AnomalySeverity.HIGH,
                AnomalyType.SPIKE,
                0.93,
                8.5,
                27.2,
                220.0,
                "p95 latency is 3.4 standard deviations above its 1 h mean.",
                NOW,
                List.of("5b3c2e1f9a8d7c6b"));
    }

    // Intents

    public static StructuredIntent structuredIntent() {
        return new StructuredIntent(
                IntentType.DEPLOYMENT,
                ServiceType.EMBB,
                List.of("edge-paris-01"),
                List.of("UPF", "SMF"),
                2,
                new Sla(500.0, 20.0, null, 99.99),
                IntentSource.USER,
                "corr-7f3a",
                7,
                new ParseInfo(ParseMethod.RULES, 0.95));
    }

    public static Intent tmfIntent() {
        Map<String, Object> expressionValue = new LinkedHashMap<>();
        expressionValue.put("@context", Map.of("icm", "http://tio.models.tmforum.org/tio/v3.6.0/IntentCommonModel/"));
        expressionValue.put(
                "idan:EmbbDeliveryIntent",
                Map.of(
                        "@type", "icm:Intent",
                        "icm:intentOwner", "idan:Operator",
                        "icm:hasExpectation", List.of("idan:BandwidthExpectation", "idan:LatencyExpectation")));
        return new Intent(
                INTENT_ID.toString(),
                "https://aiops.example.net/tmf-api/intentManagement/v5/intent/" + INTENT_ID,
                "eMBB on edge-paris-01",
                "Deploy eMBB on edge-paris-01 with 500 Mbps",
                "1.0",
                CREATED,
                Instant.parse("2026-01-10T08:31:05Z"),
                Instant.parse("2026-01-10T08:31:05Z"),
                IntentLifecycleStatus.IN_PROGRESS,
                new TimePeriod(CREATED, null),
                false,
                "7",
                "edge-paris-01",
                new IntentExpression(IntentExpression.JSON_LD, expressionValue, "JSON-LD", null, null, null),
                new EntityRef("embb-delivery", null, "eMBB delivery", "1.0", "EntityRef", "IntentSpecification"),
                List.of(new Characteristic(null, "bandwidthMbps", "number", 500, "Mbps", "NumberCharacteristic")),
                List.of(new RelatedParty(
                        "requester",
                        new EntityRef("ops-team", null, "Network operations", null, "PartyRef", "Organization"),
                        RelatedParty.TYPE)),
                Intent.TYPE,
                null,
                null);
    }

    // CNFs and packages

    public static CnfView cnfView() {
        return new CnfView(
                UUID.fromString("4d5e6f70-8192-4a3b-8c4d-5e6f708192a3"),
                "upf-paris-01",
                "UPF",
                CLUSTER_ID,
                "edge-paris-01",
                "cnf-upf",
                CnfState.DEGRADED,
                2,
                INTENT_ID,
                "upf-paris-01",
                3,
                "readiness probe failed on 1 of 2 replicas",
                CnfErrorKind.TRANSIENT,
                CREATED,
                NOW);
    }

    public static Rule kpmRule() {
        return new Rule(
                "upf-latency-scale-out",
                RuleSource.KPM,
                "kpm.p95_latency_ms > 20.0 && kpm.prb_utilization > 0.8",
                RuleAction.SCALE_OUT,
                new RuleTarget("UPF", "paris", null),
                6,
                Duration.ofMinutes(10),
                2,
                6,
                3,
                "Scale UPF on {kpm.node_id}: latency {kpm.p95_latency_ms} ms",
                true);
    }

    public static PackageRevisionSummary packageRevisionSummary() {
        return new PackageRevisionSummary(
                "edge-deployments.upf-paris-01.v3",
                "upf-paris-01",
                "edge-deployments",
                "v3",
                3,
                PackageLifecycle.PUBLISHED,
                "edge-paris-01",
                CREATED,
                NOW);
    }
}
