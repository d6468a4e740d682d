package dev.aiops.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aiops.security.*}. With {@code dev-mode} off (the default) tokens are validated against the
 * issuer set in {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}; with
 * it on, a shared HMAC secret signs and verifies tokens issued by the gateway's dev sign-in.
 *
 * @param rolesClaim claim holding the user's roles; a dotted path reaches nested claims, for example
 *     {@code realm_access.roles} for Keycloak
 * @param serviceToken bearer token this service presents to other services when dev mode is off
 *     (mounted from a Secret); in dev mode service tokens are minted with the dev secret
 */
@ConfigurationProperties(prefix = "aiops.security")
public record SecurityProperties(
        @DefaultValue("false") boolean devMode,
        String devSecret,
        @DefaultValue("aiops-dev") String devIssuer,
        @DefaultValue("8h") Duration devTokenTtl,
        @DefaultValue("roles") String rolesClaim,
        String serviceToken) {

    /** Fails start-up with a useful message when dev mode is on without a usable secret. */
    public byte[] devSecretBytes() {
        if (devSecret == null || devSecret.length() < 32) {
            throw new IllegalStateException(
                    "aiops.security.dev-mode=true needs aiops.security.dev-secret of at least 32 characters");
        }
        return devSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
