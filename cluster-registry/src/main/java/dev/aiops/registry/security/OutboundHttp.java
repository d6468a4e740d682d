package dev.aiops.registry.security;

import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.GuardedKubernetesHttpFactory;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The only way the registry's features reach a user-supplied URL: the fabric8 clients of the clusters'
 * API servers and a plain client for Prometheus, Tempo, Loki and O2 IMS callbacks. Both come from
 * platform-commons' {@link GuardedHttpClients} (the guard as DNS, so connections go only to checked
 * addresses; no redirects; no proxy); what stays here is the fabric8 side, which re-enables redirect
 * following on every client it derives and has to be switched off again.
 */
public class OutboundHttp implements AutoCloseable {

    private final GuardedHttpClients clients;
    private final GuardedKubernetesHttpFactory kubernetesFactory;

    public OutboundHttp(OutboundUrlGuard guard) {
        this.clients = new GuardedHttpClients(guard);
        this.kubernetesFactory = new GuardedKubernetesHttpFactory(clients.dns());
    }

    /** For {@code KubernetesClientBuilder.withHttpClientFactory}. */
    public HttpClient.Factory kubernetesClientFactory() {
        return kubernetesFactory;
    }

    /** A client sharing one connection pool and dispatcher with every other plain call. */
    public OkHttpClient plainClient(Duration connectTimeout) {
        return clients.plainClient(connectTimeout);
    }

    @Override
    public void close() {
        clients.close();
    }
}
