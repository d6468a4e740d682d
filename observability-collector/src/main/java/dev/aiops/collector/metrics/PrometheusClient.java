package dev.aiops.collector.metrics;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.collector.config.CollectorProperties;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one cluster's Prometheus (or Thanos Query) HTTP API v1 with the cluster's token. The URL comes
 * from a user's registration, so every call goes through the platform's URL guard
 * ({@code aiops.collector.federation.url-guard.*}): checked before the call, connected only to the address
 * the check approved (the guard is the client's DNS, so a rebinding name cannot steer it elsewhere),
 * redirects never followed, no proxy.
 *
 * <p>The call runs on the fan-out thread that asked for it, over a pooled keep-alive connection: no
 * selector or callback thread between the socket and the caller.
 */
@Component
class PrometheusClient implements DisposableBean {

    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    private final OutboundUrlGuard guard;
    private final GuardedHttpClients clients;
    private final OkHttpClient http;
    private final JsonMapper json;

    @Autowired
    PrometheusClient(CollectorProperties properties, JsonMapper json) {
        this(
                properties.federation(),
                json,
                new OutboundUrlGuard(properties.federation().urlGuard()));
    }

    /** With the given guard (closed with this client), for tests that script its resolver. */
    PrometheusClient(CollectorProperties.Federation settings, JsonMapper json, OutboundUrlGuard guard) {
        this.json = json;
        this.guard = guard;
        this.clients = new GuardedHttpClients(guard);
        // the shared pool keeps 5 idle connections; a fleet query holds one per cluster and in-flight call
        this.http = clients.plainClient(settings.connectTimeout())
                .newBuilder()
                .connectionPool(new ConnectionPool(settings.threads(), 5, TimeUnit.MINUTES))
                .build();
    }

    /** The {@code data} member and {@code warnings} of a successful answer. */
    record Answer(JsonNode data, List<String> warnings) {}

    /** No answer within the call's deadline ({@code connecting}: no connection within the connect timeout). */
    static final class TimedOutException extends IOException {
        private final boolean connecting;

        TimedOutException(boolean connecting) {
            super(connecting ? "connection timed out" : "no answer in time");
            this.connecting = connecting;
        }

        boolean connecting() {
            return connecting;
        }
    }

    /**
     * POSTs the form to {@code <prometheus_url>/api/v1/<endpoint>}; blocks at most {@code timeout}.
     *
     * @throws PrometheusApiException when Prometheus answers {@code status: error}, or the URL is refused
     * @throws TimedOutException when it does not answer in time
     */
    Answer call(ClusterConnection cluster, String endpoint, Map<String, List<String>> form, Duration timeout)
            throws IOException, InterruptedException {
        Request.Builder request = new Request.Builder()
                .url(apiUri(cluster.prometheusUrl(), endpoint).toString())
                .post(RequestBody.create(encode(form), FORM));
        return send(cluster, request, timeout);
    }

    /** GET with the parameters in the query string, for endpoints Prometheus serves on GET only. */
    Answer get(ClusterConnection cluster, String endpoint, Map<String, List<String>> params, Duration timeout)
            throws IOException, InterruptedException {
        URI base = apiUri(cluster.prometheusUrl(), endpoint);
        String query = encode(params);
        String url = query.isEmpty() ? base.toString() : base + "?" + query;
        return send(cluster, new Request.Builder().url(url).get(), timeout);
    }

    private Answer send(ClusterConnection cluster, Request.Builder request, Duration timeout)
            throws IOException, InterruptedException {
        try {
            guard.checkBeforeCall(cluster.prometheusUrl());
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            throw new PrometheusApiException("internal", "prometheus_url " + e.reason());
        }
        request.header("Accept", "application/json");
        // OkHttp would ask for gzip otherwise, and every Prometheus would compress every answer
        request.header("Accept-Encoding", "identity");
        if (cluster.prometheusToken() != null && !cluster.prometheusToken().isBlank()) {
            request.header("Authorization", "Bearer " + cluster.prometheusToken());
        }
        Call call = http.newCall(request.build());
        call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        int status;
        byte[] bytes;
        try (Response response = call.execute()) {
            status = response.code();
            bytes = response.body().bytes();
        } catch (GuardedHttpClients.BlockedAddressException e) {
            // the name resolves somewhere denied now (DNS rebinding): refused before connecting
            throw new PrometheusApiException("internal", "prometheus_url refused at connect: " + e.getMessage());
        } catch (InterruptedIOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("query of cluster " + cluster.name() + " interrupted");
            }
            // the call's deadline cancels it; a connect timeout leaves it standing
            throw new TimedOutException(!call.isCanceled() && e instanceof SocketTimeoutException);
        }
        return answer(status, bytes);
    }

    private Answer answer(int status, byte[] bytes) {
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (RuntimeException e) {
            throw new PrometheusApiException("internal", "HTTP " + status + " without a Prometheus API answer");
        }
        if (body == null || !"success".equals(body.path("status").asString(""))) {
            String errorType = body == null ? null : body.path("errorType").asString(null);
            String error = body == null ? null : body.path("error").asString(null);
            throw new PrometheusApiException(errorType, error != null ? error : "HTTP " + status + " from Prometheus");
        }
        List<String> warnings = new ArrayList<>();
        body.path("warnings").forEach(w -> warnings.add(w.asString()));
        return new Answer(body.path("data"), warnings);
    }

    static URI apiUri(String baseUrl, String endpoint) {
        try {
            URI base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
            return base.resolve("api/v1/" + endpoint);
        } catch (IllegalArgumentException e) {
            throw new PrometheusApiException("internal", "prometheus_url is not a valid URL");
        }
    }

    @Override
    public void destroy() {
        http.connectionPool().evictAll();
        clients.close();
        guard.close();
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
