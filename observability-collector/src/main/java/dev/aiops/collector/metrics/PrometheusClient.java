package dev.aiops.collector.metrics;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.config.CollectorProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one cluster's Prometheus (or Thanos Query) HTTP API v1 with the cluster's token. Redirects are not
 * followed and link-local / cloud-metadata addresses refused: the URL comes from a user's registration.
 */
@Component
class PrometheusClient {

    private static final List<String> DENIED_HOSTS = List.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "metadata.azure.internal");

    private final HttpClient http;
    private final JsonMapper json;

    PrometheusClient(CollectorProperties properties, JsonMapper json, FanOutExecutor executor) {
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.federation().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor.httpExecutor())
                .build();
    }

    /** The {@code data} member and {@code warnings} of a successful answer. */
    record Answer(JsonNode data, List<String> warnings) {}

    /**
     * POSTs the form to {@code <prometheus_url>/api/v1/<endpoint>}; blocks at most {@code timeout}.
     *
     * @throws PrometheusApiException when Prometheus answers {@code status: error}
     * @throws java.net.http.HttpTimeoutException when it does not answer in time
     */
    Answer call(ClusterConnection cluster, String endpoint, Map<String, List<String>> form, Duration timeout)
            throws IOException, InterruptedException {
        URI uri = apiUri(cluster.prometheusUrl(), endpoint);
        return send(
                cluster,
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** GET with the parameters in the query string, for endpoints Prometheus serves on GET only. */
    Answer get(ClusterConnection cluster, String endpoint, Map<String, List<String>> params, Duration timeout)
            throws IOException, InterruptedException {
        URI base = apiUri(cluster.prometheusUrl(), endpoint);
        String query = encode(params);
        URI uri = query.isEmpty() ? base : URI.create(base + "?" + query);
        return send(cluster, HttpRequest.newBuilder(uri).timeout(timeout).GET());
    }

    private Answer send(ClusterConnection cluster, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        request.header("Accept", "application/json");
        if (cluster.prometheusToken() != null && !cluster.prometheusToken().isBlank()) {
            request.header("Authorization", "Bearer " + cluster.prometheusToken());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new PrometheusApiException(
                    "internal", "HTTP " + response.statusCode() + " without a Prometheus API answer");
        }
        if (body == null || !"success".equals(body.path("status").asString(""))) {
            String errorType = body == null ? null : body.path("errorType").asString(null);
            String error = body == null ? null : body.path("error").asString(null);
            throw new PrometheusApiException(
                    errorType, error != null ? error : "HTTP " + response.statusCode() + " from Prometheus");
        }
        List<String> warnings = new ArrayList<>();
        body.path("warnings").forEach(w -> warnings.add(w.asString()));
        return new Answer(body.path("data"), warnings);
    }

    static URI apiUri(String baseUrl, String endpoint) {
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PrometheusApiException("internal", "prometheus_url must be http(s)");
        }
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        if (DENIED_HOSTS.contains(host) || isLinkLocal(host)) {
            throw new PrometheusApiException("internal", "prometheus_url points at a forbidden address");
        }
        return base.resolve("api/v1/" + endpoint);
    }

    private static boolean isLinkLocal(String host) {
        // only literal addresses are checked here; the registry resolves and vets names at registration
        if (!host.matches("[0-9.]+|\\[?[0-9a-f:]+]?")) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
            return address.isLinkLocalAddress() || address.isAnyLocalAddress();
        } catch (IOException e) {
            return true;
        }
    }

    private static String encode(Map<String, List<String>> form) {
        StringBuilder s = new StringBuilder();
        form.forEach((name, values) -> {
            for (String value : values) {
                if (s.length() > 0) {
                    s.append('&');
                }
                s.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return s.toString();
    }
}
