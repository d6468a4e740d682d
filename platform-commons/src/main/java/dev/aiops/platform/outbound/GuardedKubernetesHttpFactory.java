package dev.aiops.platform.outbound;

import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.net.Proxy;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * fabric8's OkHttp transport for clients of user-supplied Kubernetes API URLs (cluster APIs, Porch), hardened as
 * {@link GuardedHttpClients#harden} does: the guard as DNS, so a connection goes only to an address the guard
 * approved; no proxy; no redirects. fabric8 switches following back on for every client it derives, so it is
 * switched off again in {@link #additionalConfig}. For {@code KubernetesClientBuilder.withHttpClientFactory}.
 */
public final class GuardedKubernetesHttpFactory extends OkHttpClientFactory {

    private final Dns dns;

    /** With the DNS of a {@link GuardedHttpClients} the service also makes plain calls with. */
    public GuardedKubernetesHttpFactory(Dns dns) {
        this.dns = dns;
    }

    /** For a service whose only guarded calls are Kubernetes API calls. */
    public GuardedKubernetesHttpFactory(OutboundUrlGuard guard) {
        this(new GuardedHttpClients.GuardedDns(guard));
    }

    @Override
    protected OkHttpClient.Builder newOkHttpClientBuilder() {
        return GuardedHttpClients.harden(super.newOkHttpClientBuilder(), dns);
    }

    @Override
    protected void additionalConfig(OkHttpClient.Builder builder) {
        builder.followRedirects(false).followSslRedirects(false).proxy(Proxy.NO_PROXY);
    }
}
