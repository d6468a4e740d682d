package dev.aiops.registry.health;

import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.registry.config.RegistryProperties;
import dev.aiops.registry.credentials.ClusterConnection;
import dev.aiops.registry.credentials.KubernetesClients;
import dev.aiops.registry.security.OutboundHttp;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.stereotype.Component;

/**
 * Runs the four probes of a check concurrently and without blocking a thread per call: the API server
 * through the cluster's fabric8 client (its credentials and TLS settings), Prometheus {@code /-/ready},
 * Tempo and Loki {@code /ready} through the shared plain client of {@link OutboundHttp} (checked,
 * pinned addresses, no redirects). Every probe has its own timeout, so a hanging endpoint costs its
 * check the timeout and nothing else.
 */
@Component
class HealthProber {

    private final KubernetesClients kubernetes;
    private final OutboundUrlGuard urlGuard;
    private final OkHttpClient http;

    HealthProber(
            KubernetesClients kubernetes,
            OutboundUrlGuard urlGuard,
            OutboundHttp outbound,
            RegistryProperties properties) {
        this.kubernetes = kubernetes;
        this.urlGuard = urlGuard;
        this.http = outbound.plainClient(properties.health().connectTimeout());
    }

    CompletableFuture<CheckResult> check(ClusterConnection connection, Duration timeout) {
        long started = System.nanoTime();
        CompletableFuture<ProbeResult> api = apiServer(connection, timeout);
        CompletableFuture<ProbeResult> prometheus =
                http(connection.endpoints().prometheusUrl(), "/-/ready", connection.prometheusToken(), timeout);
        CompletableFuture<ProbeResult> tempo = http(connection.endpoints().tempoUrl(), "/ready", null, timeout);
        CompletableFuture<ProbeResult> loki = http(connection.endpoints().lokiUrl(), "/ready", null, timeout);
        return CompletableFuture.allOf(api, prometheus, tempo, loki)
                .thenApply(ignored -> new CheckResult(
                        api.join(), prometheus.join(), tempo.join(), loki.join(), millisSince(started)));
    }

    private CompletableFuture<ProbeResult> apiServer(ClusterConnection connection, Duration timeout) {
        long started = System.nanoTime();
        KubernetesClient client;
        try {
            client = kubernetes.client(connection);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            return CompletableFuture.completedFuture(ProbeResult.failed(e.getMessage(), 0));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    ProbeResult.failed("client could not be built from the stored credentials", 0));
        }
        io.fabric8.kubernetes.client.http.HttpClient k8s = client.getHttpClient();
        io.fabric8.kubernetes.client.http.HttpRequest request = k8s.newHttpRequestBuilder()
                .uri(connection.apiServerUrl() + "/readyz")
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        CompletableFuture<io.fabric8.kubernetes.client.http.HttpResponse<String>> call =
                k8s.sendAsync(request, String.class);
        return call.orTimeout(timeout.toMillis() + 250, TimeUnit.MILLISECONDS).handle((response, error) -> {
            long took = millisSince(started);
            if (error != null) {
                call.cancel(true);
                return ProbeResult.failed(describe(error, timeout), took);
            }
            if (response.code() >= 200 && response.code() < 300) {
                return ProbeResult.ok(took);
            }
            if (response.code() == 401 || response.code() == 403) {
                return ProbeResult.failed("credentials rejected (HTTP " + response.code() + ")", took);
            }
            return ProbeResult.failed("not ready (HTTP " + response.code() + ")", took);
        });
    }

    private CompletableFuture<ProbeResult> http(String baseUrl, String path, String bearer, Duration timeout) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return CompletableFuture.completedFuture(ProbeResult.ABSENT);
        }
        long started = System.nanoTime();
        String url = baseUrl + path;
        try {
            urlGuard.checkBeforeCall(url);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            return CompletableFuture.completedFuture(ProbeResult.failed(e.getMessage(), 0));
        }
        Request.Builder request;
        try {
            request = new Request.Builder().url(url).get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProbeResult.failed("not a valid URL", 0));
        }
        if (bearer != null && !bearer.isBlank()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        Call call = http.newCall(request.build());
        call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Integer> status = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                status.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    status.complete(response.code());
                }
            }
        });
        return status.orTimeout(timeout.toMillis() + 250, TimeUnit.MILLISECONDS).handle((code, error) -> {
            long took = millisSince(started);
            if (error != null) {
                call.cancel();
                return ProbeResult.failed(describe(error, timeout), took);
            }
            return code >= 200 && code < 300
                    ? ProbeResult.ok(took)
                    : ProbeResult.failed("not ready (HTTP " + code + ")", took);
        });
    }

    /** A short, safe description: the kind of failure, never a response body or a credential. */
    static String describe(Throwable error, Duration timeout) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof GuardedHttpClients.BlockedAddressException) {
                return t.getMessage();
            }
            if (t instanceof TimeoutException
                    || t instanceof InterruptedIOException
                    || t instanceof HttpTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")
                    || String.valueOf(t.getMessage()).toLowerCase().contains("timed out")
                    || String.valueOf(t.getMessage()).toLowerCase().contains("timeout")) {
                return "timed out after " + timeout.toMillis() + " ms";
            }
            if (t instanceof ConnectException || String.valueOf(t.getMessage()).contains("Connection refused")) {
                return "connection refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "host does not resolve";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS handshake failed";
            }
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        return "unreachable (" + cause.getClass().getSimpleName() + ")";
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
