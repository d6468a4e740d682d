package dev.aiops.collector.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a cluster's active alerts from its Alertmanager API v2 ({@code GET /api/v2/alerts}, silenced and
 * inhibited ones included: they still fire). The URL is user-supplied: checked by the platform's {@link
 * OutboundUrlGuard} before every call, and the connection goes only to the addresses that check approved (the
 * guard is the client's DNS, so a name that answers differently on its next lookup cannot steer the poll to a
 * denied address); no redirects followed, connect and whole-call timeouts, the answer size bounded. The cluster's {@code prometheus_token}, when it has one, is sent as the bearer token: on
 * OpenShift the monitoring stack's Prometheus and Alertmanager sit behind the same OAuth proxy.
 */
@Component
class AlertmanagerApiClient {

    private static final String ALERTS_PATH = "api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true";

    private final OkHttpClient http;
    private final JsonMapper json;
    private final OutboundUrlGuard guard;
    private final AlertProperties.Poll settings;

    AlertmanagerApiClient(
            AlertProperties properties, JsonMapper json, OutboundUrlGuard guard, GuardedHttpClients clients) {
        this.settings = properties.poll();
        this.json = json;
        this.guard = guard;
        this.http = clients.plainClient(settings.connectTimeout(), settings.timeout())
                .newBuilder()
                .callTimeout(settings.timeout())
                .build();
    }

    /** The URI to call for {@code path} under a base URL, which may carry a path prefix of its own. */
    static URI under(String baseUrl, String path) {
        String base = baseUrl.trim();
        return URI.create(base.endsWith("/") ? base : base + "/").resolve(path);
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
            uri = under(cluster.alertmanagerUrl(), ALERTS_PATH);
        } catch (IllegalArgumentException e) {
            throw new PollFailedException("alertmanager_url is not a valid URL");
        }
        try {
            guard.checkBeforeCall(cluster.alertmanagerUrl());
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            throw new PollFailedException("alertmanager_url " + e.reason());
        }
        Request.Builder request = new Request.Builder()
                .url(uri.toString())
                .header("Accept", "application/json")
                .get();
        if (cluster.prometheusToken() != null && !cluster.prometheusToken().isBlank()) {
            request.header("Authorization", "Bearer " + cluster.prometheusToken());
        }
        try (Response response = http.newCall(request.build()).execute()) {
            if (response.code() != 200) {
                throw new PollFailedException("HTTP " + response.code() + " from " + uri);
            }
            ResponseBody body = response.body();
            try (InputStream in = body.byteStream()) {
                byte[] bytes = in.readNBytes(settings.maxResponseBytes() + 1);
                if (bytes.length > settings.maxResponseBytes()) {
                    throw new PollFailedException(
                            "answer of " + uri + " exceeds " + settings.maxResponseBytes() + " bytes");
                }
                return json.readValue(bytes, new TypeReference<List<ApiAlert>>() {});
            }
        } catch (GuardedHttpClients.BlockedAddressException e) {
            // the name now resolves somewhere denied: refused at connect time (DNS rebinding)
            throw new PollFailedException("alertmanager_url refused at connect: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("poll of " + uri + " interrupted"); // shutting down
            }
            throw new PollFailedException(
                    "reading " + uri + " failed: " + e.getClass().getSimpleName());
        }
    }
}
