package dev.aiops.platform.test;

import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.Roles;
import dev.aiops.platform.security.ServiceTokenProvider;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.HttpHeaders;

/**
 * Dev tokens for test requests: {@code client.get().uri(...).headers(tokens.as("viewer"))}. Import it
 * into a service's test context ({@code @Import(Tokens.class)}); the context needs dev mode on.
 */
@TestComponent
public class Tokens {

    private final DevTokenIssuer issuer;

    public Tokens(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** A user token with {@code role}; {@code service} gives the token of a service named {@code test-service}. */
    public String token(String role) {
        if (Roles.SERVICE.equalsIgnoreCase(role)) {
            return serviceToken("test-service");
        }
        return issuer.issue("test-" + role, Set.of(role)).accessToken();
    }

    /** The token the platform service {@code serviceName} presents when it calls as itself. */
    public String serviceToken(String serviceName) {
        return new ServiceTokenProvider(issuer, null, serviceName).token();
    }

    public Consumer<HttpHeaders> as(String role) {
        String token = token(role);
        return headers -> headers.setBearerAuth(token);
    }

    public Consumer<HttpHeaders> asService(String serviceName) {
        String token = serviceToken(serviceName);
        return headers -> headers.setBearerAuth(token);
    }
}
