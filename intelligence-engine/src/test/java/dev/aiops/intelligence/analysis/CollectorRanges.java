package dev.aiops.intelligence.analysis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.aiops.intelligence.support.CollectorProcess;
import dev.aiops.intelligence.support.Fleet;
import dev.aiops.intelligence.support.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Range queries through the real observability collector in front of a real Prometheus ({@link
 * CollectorProcess}, shared with the chat tool tests, started once per test JVM). The engine's context keeps
 * one collector URL (the shared WireMock of {@link TestServices}); the range-query path is proxied from there
 * to the collector, so range queries travel the real federation. The PromQL the tests send computes its series
 * from {@code time()}, so a fresh Prometheus answers any range with known values.
 */
final class CollectorRanges {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CollectorRanges() {}

    /** Starts Prometheus and the collector once, and routes the engine's range queries to the collector. */
    static synchronized URI start() {
        URI collector = URI.create(CollectorProcess.url());
        TestServices.platform()
                .stubFor(post(urlPathEqualTo("/api/v1/metrics/query_range"))
                        .atPriority(1)
                        .willReturn(aResponse().proxiedFrom(collector.toString())));
        return collector;
    }

    /** Registers a cluster whose Prometheus is the real one; returns its id. */
    static UUID registerCluster(String adminToken, String name) {
        return Fleet.registerWithPrometheus(
                adminToken, name, String.valueOf(CollectorProcess.prometheus().url()));
    }

    /** Waits until the collector federates to the newly registered cluster (it learns of it by event). */
    static void awaitKnown(UUID clusterId, String viewerToken) {
        String body = "{\"query\": \"vector(1)\", \"cluster_ids\": [\"" + clusterId
                + "\"], \"start_time\": \"2026-01-01T00:00:00Z\", \"end_time\": \"2026-01-01T00:10:00Z\", \"step\": \"1m\"}";
        Awaitility.await("collector knows cluster " + clusterId)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> response = HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(CollectorProcess.url()).resolve("/api/v1/metrics/query_range"))
                                    .header("Authorization", "Bearer " + viewerToken)
                                    .header("Content-Type", "application/json")
                                    .header("Cache-Control", "no-cache")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("\"SUCCESS\"");
                });
    }
}
