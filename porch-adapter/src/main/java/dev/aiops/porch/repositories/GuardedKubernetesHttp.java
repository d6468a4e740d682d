package dev.aiops.porch.repositories;

import dev.aiops.platform.outbound.GuardedHttpClients;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.net.Proxy;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * fabric8's OkHttp transport hardened by platform-commons' {@link GuardedHttpClients}: the URL guard as DNS (a
 * connection goes only to an address the guard approved), no proxy, and no redirects, which fabric8 switches back
 * on for every client it derives and which is switched off again here. The same factory as cluster-registry's
 * {@code OutboundHttp.GuardedFactory}; a candidate for platform-commons once a third service needs it.
 */
final class GuardedKubernetesHttp extends OkHttpClientFactory {

    private final Dns dns;

    GuardedKubernetesHttp(Dns dns) {
        this.dns = dns;
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
