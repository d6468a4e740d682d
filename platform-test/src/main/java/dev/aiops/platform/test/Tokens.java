package dev.aiops.platform.test;

import dev.aiops.platform.security.DevTokenIssuer;
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

    public String token(String role) {
        return issuer.issue("test-" + role, Set.of(role)).accessToken();
    }

    public Consumer<HttpHeaders> as(String role) {
        String token = token(role);
        return headers -> headers.setBearerAuth(token);
    }
}
