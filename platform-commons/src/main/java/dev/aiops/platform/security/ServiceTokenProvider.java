package dev.aiops.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The bearer token this service presents when it calls another platform service as itself (not on
 * behalf of a user). In dev mode it mints a {@code service} token with the dev secret, naming this
 * service in {@code azp} (and {@code sub} = {@code service:<name>}), and renews it before expiry;
 * otherwise it uses the configured {@code aiops.security.service-token}, which the identity provider
 * issued to this service's client (so its {@code azp} is the service name too).
 */
public class ServiceTokenProvider implements ClientHttpRequestInterceptor {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final DevTokenIssuer devIssuer;
    private final String staticToken;
    private final String serviceName;
    private final AtomicReference<DevTokenIssuer.IssuedToken> current = new AtomicReference<>();

    public ServiceTokenProvider(DevTokenIssuer devIssuer, String staticToken, String serviceName) {
        this.devIssuer = devIssuer;
        this.staticToken = staticToken;
        this.serviceName = serviceName;
    }

    /** The token to send, or null when this deployment configured none. */
    public String token() {
        if (devIssuer == null) {
            return staticToken;
        }
        DevTokenIssuer.IssuedToken token = current.get();
        if (token == null || token.expiresAt().minus(RENEW_BEFORE_EXPIRY).isBefore(Instant.now())) {
            token = devIssuer.issueServiceToken(serviceName);
            current.set(token);
        }
        return token.accessToken();
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws java.io.IOException {
        String token = token();
        if (token != null && !request.getHeaders().containsHeader("Authorization")) {
            request.getHeaders().setBearerAuth(token);
        }
        return execution.execute(request, body);
    }
}
