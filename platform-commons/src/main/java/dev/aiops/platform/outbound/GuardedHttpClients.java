package dev.aiops.platform.outbound;

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
 * OkHttp clients for user-supplied URLs (needs {@code com.squareup.okhttp3:okhttp-jvm} on the class path;
 * platform-commons declares it optional), built so that
 *
 * <ul>
 *   <li>every connection goes to an address the {@link OutboundUrlGuard} checked: the guard is the
 *       client's DNS, and it hands out the pinned answer of the check made just before the call;
 *   <li>no redirect is followed: following is off, and a network interceptor also drops the {@code
 *       Location} header of every 3xx answer, so a client derived with other settings (fabric8 switches
 *       following back on) still has nothing to follow; the caller sees the 3xx;
 *   <li>no system-wide proxy is used.
 * </ul>
 *
 * Services that need other OkHttp-based clients (the registry's fabric8 factory) build them with {@link
 * #harden} and {@link #dns()}.
 */
public class GuardedHttpClients implements AutoCloseable {

    /** Without a Location there is nothing to follow, whatever a derived client's settings say. */
    public static final Interceptor NO_REDIRECTS = chain -> {
        Response response = chain.proceed(chain.request());
        if (response.isRedirect() || response.header("Location") != null) {
            return response.newBuilder().removeHeader("Location").build();
        }
        return response;
    };

    private final Dns dns;
    private final OkHttpClient plain;

    public GuardedHttpClients(OutboundUrlGuard guard) {
        this.dns = new GuardedDns(guard);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(64);
        this.plain =
                harden(new OkHttpClient.Builder(), dns).dispatcher(dispatcher).build();
    }

    /** OkHttp's DNS answered by the guard: checked addresses only, pinned between check and connect. */
    public Dns dns() {
        return dns;
    }

    /** A client sharing one connection pool and dispatcher with every other plain call. */
    public OkHttpClient plainClient(Duration connectTimeout) {
        return plain.newBuilder().connectTimeout(connectTimeout).build();
    }

    /** A client with both connect and read (and whole-call) timeouts, for notifications and probes. */
    public OkHttpClient plainClient(Duration connectTimeout, Duration readTimeout) {
        return plain.newBuilder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(connectTimeout.plus(readTimeout))
                .build();
    }

    /** No redirects, no proxy, the guard as DNS. */
    public static OkHttpClient.Builder harden(OkHttpClient.Builder builder, Dns dns) {
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
}
