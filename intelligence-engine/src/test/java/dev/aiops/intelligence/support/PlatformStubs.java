package dev.aiops.intelligence.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import java.util.UUID;

/**
 * Answers of the observability collector and the intent service, shaped as CONTRACTS.md § Observability and
 * § Intents describe them (snake_case, paged lists {@code items,total,page,page_size,total_pages}).
 */
public final class PlatformStubs {

    private PlatformStubs() {}

    static WireMockServer server() {
        return TestServices.platform();
    }

    public static void alerts(UUID clusterId, String clusterName, String alertname, String severity) {
        String body = """
                {"items": [{"id": "%s", "fingerprint": "f3a9c2d1e4b5a6c7", "cluster_id": "%s", "cluster_name": "%s",
                  "alertname": "%s", "severity": "%s", "state": "FIRING",
                  "labels": {"alertname": "%s", "severity": "%s", "namespace": "open5gs"},
                  "annotations": {"summary": "UPF pod restarting repeatedly"},
                  "starts_at": "2026-11-29T08:00:00Z", "ends_at": null,
                  "generator_url": "http://prometheus:9090/graph?g0.expr=up"}],
                 "total": 1, "page": 1, "page_size": 50, "total_pages": 1}
                """.formatted(
                        UUID.randomUUID(),
                        clusterId,
                        clusterName,
                        alertname,
                        severity,
                        alertname,
                        severity.toLowerCase(java.util.Locale.ROOT));
        server().stubFor(get(urlPathEqualTo("/api/v1/alerts"))
                .withQueryParam("cluster_id", equalTo(clusterId.toString()))
                .willReturn(json(body)));
    }

    /** Alerts of one cluster that arrive only after {@code delayMs}. */
    public static void slowAlerts(UUID clusterId, int delayMs) {
        server().stubFor(get(urlPathEqualTo("/api/v1/alerts"))
                .withQueryParam("cluster_id", equalTo(clusterId.toString()))
                .willReturn(json("{\"items\": [], \"total\": 0, \"page\": 1, \"page_size\": 50, \"total_pages\": 0}")
                        .withFixedDelay(delayMs)));
    }

    public static void gpuNodes(UUID clusterId, String clusterName) {
        String body = """
                [{"cluster_id": "%s", "cluster_name": "%s", "node_name": "gpu-node-1", "last_updated": "%s",
                  "gpus": [{"index": 0, "uuid": "GPU-4a1b", "name": "NVIDIA H100 80GB HBM3", "driver_version": "550.54.15",
                    "cuda_version": "12.4", "memory_total_mb": 81559, "memory_used_mb": 40960, "memory_free_mb": 40599,
                    "utilization_gpu_percent": 87.0, "utilization_memory_percent": 50.2, "temperature_celsius": 64,
                    "power_draw_watts": 512.3, "power_limit_watts": 700.0, "fan_speed_percent": null, "processes": []}]}]
                """.formatted(clusterId, clusterName, Instant.now());
        server().stubFor(get(urlPathEqualTo("/api/v1/gpu/nodes"))
                .withQueryParam("cluster_id", equalTo(clusterId.toString()))
                .willReturn(json(body)));
    }

    public static void metrics(UUID clusterId, String clusterName) {
        String body = """
                {"results": [{"cluster_id": "%s", "cluster_name": "%s", "status": "SUCCESS", "result_type": "VECTOR",
                  "data": [{"metric": {"__name__": "up", "job": "prometheus", "cluster": "%s"}, "value": [1764403200, "1"]}],
                  "error": null, "query_time_ms": 12}],
                 "total_query_time_ms": 14, "clusters_queried": 1, "clusters_succeeded": 1, "warnings": []}
                """.formatted(clusterId, clusterName, clusterName);
        server().stubFor(post(urlPathEqualTo("/api/v1/metrics/query")).willReturn(json(body)));
    }

    public static void intents(String failedText, String reason) {
        String body = """
                {"items": [
                  {"id": "%s", "text": "%s", "intent": null, "status": "failed", "status_reason": "%s",
                   "created_at": "%s", "updated_at": "%s"},
                  {"id": "%s", "text": "Deploy eMBB on edge-2 with 100Mbps", "intent": null, "status": "completed",
                   "status_reason": null, "created_at": "%s", "updated_at": "%s"}],
                 "total": 2, "page": 1, "page_size": 100, "total_pages": 1}
                """.formatted(
                        UUID.randomUUID(),
                        failedText,
                        reason,
                        Instant.now(),
                        Instant.now(),
                        UUID.randomUUID(),
                        Instant.now(),
                        Instant.now());
        server().stubFor(get(urlPathEqualTo("/api/v1/intents")).willReturn(json(body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
