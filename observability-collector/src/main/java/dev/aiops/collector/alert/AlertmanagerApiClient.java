package dev.aiops.collector.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiops.collector.cluster.ClusterConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a cluster's active alerts from its Alertmanager API v2 ({@code GET /api/v2/alerts}, silenced and
 * inhibited ones included: they still fire). The URL is user-supplied: checked by {@link
 * AlertmanagerUrlGuard} before every call, no redirects followed, connect and request timeouts, the answer
 * size bounded. The cluster's {@code prometheus_token}, when it has one, is sent as the bearer token: on
 * OpenShift the monitoring stack's Prometheus and Alertmanager sit behind the same OAuth proxy.
 */
@Component
class AlertmanagerApiClient {

    private final HttpClient http;
    private final JsonMapper json;
    private final AlertmanagerUrlGuard guard;
    private final AlertProperties.Poll settings;

    AlertmanagerApiClient(AlertProperties properties, JsonMapper json) {
        this.settings = properties.poll();
        this.json = json;
        this.guard = new AlertmanagerUrlGuard(settings.allowLoopback());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An alert as {@code /api/v2/alerts} lists it (the members the collector uses). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApiAlert(
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            @JsonProperty("generatorURL") String generatorUrl,
            String fingerprint) {}

    /** Thrown when Alertmanager could not be read; the poll then changes nothing for that cluster. */
    static final class PollFailedException extends Exception {
        PollFailedException(String message) {
            super(message);
        }
    }

    List<ApiAlert> activeAlerts(ClusterConnection cluster) throws PollFailedException, InterruptedException {
        URI uri;
        try {
            uri = guard.check(
                    cluster.alertmanagerUrl(),
                    "api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true");
        } catch (AlertmanagerUrlGuard.BlockedUrlException e) {
            throw new PollFailedException(e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .GET();
        if (cluster.prometheusToken() != null && !cluster.prometheusToken().isBlank()) {
            request.header("Authorization", "Bearer " + cluster.prometheusToken());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new PollFailedException("HTTP " + response.statusCode() + " from " + uri);
                }
                byte[] bytes = body.readNBytes(settings.maxResponseBytes() + 1);
                if (bytes.length > settings.maxResponseBytes()) {
                    throw new PollFailedException(
                            "answer of " + uri + " exceeds " + settings.maxResponseBytes() + " bytes");
                }
                return json.readValue(bytes, new TypeReference<List<ApiAlert>>() {});
            }
        } catch (IOException | RuntimeException e) {
            throw new PollFailedException(
                    "reading " + uri + " failed: " + e.getClass().getSimpleName());
        }
    }
}
