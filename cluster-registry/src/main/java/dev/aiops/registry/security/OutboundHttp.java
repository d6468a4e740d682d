package dev.aiops.registry.security;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The only way the registry's features reach a user-supplied URL: the fabric8 clients of the
 * clusters' API servers and a plain client for Prometheus, Tempo, Loki and O2 IMS callbacks, all on
 * OkHttp so that
 *
 * <ul>
 *   <li>every connection goes to an address the {@link OutboundUrlGuard} checked: the guard is the
 *       client's DNS, and it hands out the pinned answer of the check made just before the call;
 *   <li>no redirect is followed: fabric8 asks OkHttp to follow them, and would again for clients it
 *       derives from ours, so besides switching following off, a network interceptor drops the {@code
 *       Location} header of every 3xx answer; the caller sees the 3xx and nothing is fetched from where
 *       it points;
 *   <li>no system-wide proxy is used.
 * </ul>
 */
public class OutboundHttp implements AutoCloseable {

    /** Without a Location there is nothing to follow, whatever a derived client's settings say. */
    static final Interceptor NO_REDIRECTS = chain -> {
        Response response = chain.proceed(chain.request());
        if (response.isRedirect() || response.header("Location") != null) {
            return response.newBuilder().removeHeader("Location").build();
        }
        return response;
    };

    private final GuardedFactory kubernetesFactory;
    private final OkHttpClient plain;

    public OutboundHttp(OutboundUrlGuard guard) {
        Dns dns = new GuardedDns(guard);
        this.kubernetesFactory = new GuardedFactory(dns);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(64);
        this.plain =
                harden(new OkHttpClient.Builder(), dns).dispatcher(dispatcher).build();
    }

    /** For {@code KubernetesClientBuilder.withHttpClientFactory}. */
    public HttpClient.Factory kubernetesClientFactory() {
        return kubernetesFactory;
    }

    /** A client sharing one connection pool and dispatcher with every other plain call. */
    public OkHttpClient plainClient(Duration connectTimeout) {
        return plain.newBuilder().connectTimeout(connectTimeout).build();
    }

    static OkHttpClient.Builder harden(OkHttpClient.Builder builder, Dns dns) {
        return builder.followRedirects(false)
                .followSslRedirects(false)
                .proxy(Proxy.NO_PROXY)
                .dns(dns)
                .addNetworkInterceptor(NO_REDIRECTS);
    }

    @Override
    public void close() {
        plain.dispatcher().executorService().shutdownNow();
        plain.connectionPool().evictAll();
    }

    /** OkHttp's DNS, answered by the guard: checked addresses only, pinned between check and connect. */
    static final class GuardedDns implements Dns {
        private final OutboundUrlGuard guard;

        GuardedDns(OutboundUrlGuard guard) {
            this.guard = guard;
        }

        @Override
        public List<InetAddress> lookup(String hostname) throws UnknownHostException {
            try {
                return guard.resolveChecked(hostname);
            } catch (OutboundUrlGuard.BlockedUrlException e) {
                throw new BlockedAddressException(e.getMessage());
            }
        }
    }

    /** A connection refused by the guard at connect time (the name now resolves somewhere denied). */
    public static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String message) {
            super(message);
        }
    }

    static final class GuardedFactory extends OkHttpClientFactory {
        private final Dns dns;

        GuardedFactory(Dns dns) {
            this.dns = dns;
        }

        @Override
        protected OkHttpClient.Builder newOkHttpClientBuilder() {
            return harden(super.newOkHttpClientBuilder(), dns);
        }

        @Override
        protected void additionalConfig(OkHttpClient.Builder builder) {
            // fabric8 has just switched following on (its default); switch it off again
            builder.followRedirects(false).followSslRedirects(false).proxy(Proxy.NO_PROXY);
        }
    }
}
