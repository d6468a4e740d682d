package dev.aiops.porch.repositories;

import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import java.io.IOException;
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

    /** READY when the server answers the discovery with 200; anything else, a redirect included, is not. */
    RepositoryView.Status probe(String url) {
        try {
            guard.checkBeforeCall(url);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            log.warn("Porch repository health probe refused: {}", e.getMessage());
            return RepositoryView.Status.UNAVAILABLE;
        }
        Request request;
        try {
            request = new Request.Builder()
                    .url(url + RepositoryService.PORCH_API_PATH)
                    .header("Accept", "application/json")
                    .get()
                    .build();
        } catch (IllegalArgumentException e) {
            return RepositoryView.Status.UNAVAILABLE;
        }
        try (Response response = http.newCall(request).execute()) {
            return response.code() == 200 ? RepositoryView.Status.READY : RepositoryView.Status.UNAVAILABLE;
        } catch (GuardedHttpClients.BlockedAddressException e) {
            // the name now resolves somewhere denied: refused at connect time (DNS rebinding)
            log.warn("Porch repository health probe refused at connect: {}", e.getMessage());
            return RepositoryView.Status.UNAVAILABLE;
        } catch (IOException e) {
            return RepositoryView.Status.UNAVAILABLE;
        }
    }
}
