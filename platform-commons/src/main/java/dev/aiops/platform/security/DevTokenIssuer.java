package dev.aiops.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Issues and verifies HS256 tokens with the shared dev secret. Exists only when
 * {@code aiops.security.dev-mode=true}: it lets the whole platform run on one laptop without an OAuth
 * server, and nothing creates it otherwise.
 */
public class DevTokenIssuer {

    private final SecretKey key;
    private final String issuer;
    private final java.time.Duration ttl;
    private final String rolesClaim;
    private final String audience;
    private final Clock clock;

    public DevTokenIssuer(SecurityProperties properties) {
        this(properties, Clock.systemUTC());
    }

    DevTokenIssuer(SecurityProperties properties, Clock clock) {
        this.key = new SecretKeySpec(properties.devSecretBytes(), "HmacSHA256");
        this.issuer = properties.devIssuer();
        this.ttl = properties.devTokenTtl();
        this.rolesClaim = properties.rolesClaim().contains(".") ? "roles" : properties.rolesClaim();
        this.audience = properties.requiredAudience();
        this.clock = clock;
    }

    /**
     * A signed user token for {@code subject} carrying {@code roles}. Unknown roles are refused, and so is
     * {@code service}: a person signing in, whatever they ask for, never becomes a platform service. Service
     * identities come from {@link ServiceTokenProvider} only.
     */
    public IssuedToken issue(String subject, Set<String> roles) {
        for (String role : roles) {
            if (!Roles.isKnown(role)) {
                throw new IllegalArgumentException("unknown role: " + role);
            }
            if (Roles.SERVICE.equalsIgnoreCase(role)) {
                throw new IllegalArgumentException("the service role is not issued to users");
            }
        }
        return sign(subject, null, roles);
    }

    /** The token of the platform service {@code serviceName}: {@code azp} names it, the role is {@code service}. */
    IssuedToken issueServiceToken(String serviceName) {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("a service token must name its service");
        }
        return sign("service:" + serviceName, serviceName, Set.of(Roles.SERVICE));
    }

    private IssuedToken sign(String subject, String authorizedParty, Set<String> roles) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (authorizedParty != null) {
            builder.claim("azp", authorizedParty);
        }
        JWTClaimsSet claims = builder.issuer(issuer)
                .subject(subject)
                .audience(audience)
                .claim("preferred_username", subject)
                .claim(rolesClaim, List.copyOf(roles))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign dev token", e);
        }
        return new IssuedToken(jwt.serialize(), expiresAt, ttl.toSeconds());
    }

    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(PlatformJwtDecoders.validator(issuer, audience));
        return decoder;
    }

    public ReactiveJwtDecoder reactiveDecoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(PlatformJwtDecoders.validator(issuer, audience));
        return decoder;
    }

    /** A token and when it stops working; {@code expiresIn} in seconds, as OAuth token responses say. */
    public record IssuedToken(String accessToken, Instant expiresAt, long expiresIn) {}
}
