package dev.aiops.porch.repositories;

import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks a registered Porch API server for its porch.kpt.dev API discovery. The URL is checked by the platform's
 * guard right before the call and the connection goes only to the addresses that check approved (the guard is
 * the client's DNS), so a name that resolves elsewhere on its next lookup cannot steer the probe to a denied
 * address; redirects are not followed, connect, read and whole-call timeouts apply.
 */
@Component
class PorchProbe {

    private static final Logger log = LoggerFactory.getLogger(PorchProbe.class);

    private final OutboundUrlGuard guard;
    private final OkHttpClient http;

    PorchProbe(PorchProbeProperties properties, OutboundUrlGuard guard, GuardedHttpClients clients) {
        this.guard = guard;
        this.http = clients.plainClient(properties.timeout(), properties.timeout());
    }

    /** What a probe found. */
    enum Outcome {
        READY,
        UNAVAILABLE,
        /** the server answered 401 or 403: it refuses the credentials (or their absence) */
        CREDENTIALS_REFUSED;

        RepositoryView.Status status() {
            return this == READY ? RepositoryView.Status.READY : RepositoryView.Status.UNAVAILABLE;
        }
    }

    /** READY when the server answers the discovery with 200; anything else, a redirect included, is not. */
    RepositoryView.Status probe(String url) {
        return check(url, null).status();
    }

    /**
     * The discovery call made with {@code credentials} (null: none): their bearer token in the Authorization header
     * and, with a CA bundle, TLS checked against it alone.
     */
    Outcome check(String url, PorchCredentials.Resolved credentials) {
        try {
            guard.checkBeforeCall(url);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            log.warn("Porch repository health probe refused: {}", e.getMessage());
            return Outcome.UNAVAILABLE;
        }
        Request request;
        try {
            Request.Builder builder = new Request.Builder()
                    .url(url + RepositoryService.PORCH_API_PATH)
                    .header("Accept", "application/json")
                    .get();
            if (credentials != null) {
                builder.header("Authorization", "Bearer " + credentials.token());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return Outcome.UNAVAILABLE;
        }
        try (Response response = client(credentials).newCall(request).execute()) {
            return switch (response.code()) {
                case 200 -> Outcome.READY;
                case 401, 403 -> Outcome.CREDENTIALS_REFUSED;
                default -> Outcome.UNAVAILABLE;
            };
        } catch (GuardedHttpClients.BlockedAddressException e) {
            // the name now resolves somewhere denied: refused at connect time (DNS rebinding)
            log.warn("Porch repository health probe refused at connect: {}", e.getMessage());
            return Outcome.UNAVAILABLE;
        } catch (IOException e) {
            log.debug("Porch repository health probe failed: {}", e.toString());
            return Outcome.UNAVAILABLE;
        }
    }

    /** The guarded client; with a CA bundle, a derived one (same DNS, no redirects) trusting that bundle only. */
    private OkHttpClient client(PorchCredentials.Resolved credentials) {
        if (credentials == null) {
            return http;
        }
        return credentials
                .trustManager()
                .map(trust -> {
                    try {
                        SSLContext tls = SSLContext.getInstance("TLS");
                        tls.init(null, new TrustManager[] {trust}, null);
                        return http.newBuilder()
                                .sslSocketFactory(tls.getSocketFactory(), trust)
                                .build();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("TLS is not available", e);
                    }
                })
                .orElse(http);
    }
}
