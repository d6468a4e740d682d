package dev.aiops.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param audience the {@code aud} every accepted token must carry (the client id the identity provider
 *     issues the platform's tokens for); required when dev mode is off, {@value #DEV_AUDIENCE} in dev mode
 *     unless set
 */
@ConfigurationProperties(prefix = "aiops.security")
public record SecurityProperties(
        @DefaultValue("false") boolean devMode,
        String devSecret,
        @DefaultValue("aiops-dev") String devIssuer,
        @DefaultValue("8h") Duration devTokenTtl,
        @DefaultValue("roles") String rolesClaim,
        String serviceToken,
        String audience) {

    /** Bound through this one; the other constructor only keeps older callers compiling. */
    @ConstructorBinding
    public SecurityProperties {}

    /** The audience of dev tokens when none is configured. */
    public static final String DEV_AUDIENCE = "aiops-nextgen";

    /** The properties as they were before {@code audience}: no audience configured. */
    public SecurityProperties(
            boolean devMode,
            String devSecret,
            String devIssuer,
            Duration devTokenTtl,
            String rolesClaim,
            String serviceToken) {
        this(devMode, devSecret, devIssuer, devTokenTtl, rolesClaim, serviceToken, null);
    }

    /**
     * The audience tokens must carry. Fails start-up with a useful message when dev mode is off and none
     * is configured: without it a token the same identity provider issued for another application would
     * be accepted here.
     */
    public String requiredAudience() {
        if (audience != null && !audience.isBlank()) {
            return audience.trim();
        }
        if (devMode) {
            return DEV_AUDIENCE;
        }
        throw new IllegalStateException("aiops.security.audience is required when aiops.security.dev-mode is off:"
                + " set it to the audience (client id) your identity provider puts in the aud claim of the"
                + " platform's tokens");
    }

    /** Fails start-up with a useful message when dev mode is on without a usable secret. */
    public byte[] devSecretBytes() {
        if (devSecret == null || devSecret.length() < 32) {
            throw new IllegalStateException(
                    "aiops.security.dev-mode=true needs aiops.security.dev-secret of at least 32 characters");
        }
        return devSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
