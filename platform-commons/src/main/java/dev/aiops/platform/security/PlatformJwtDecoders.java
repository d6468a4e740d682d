package dev.aiops.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Decoders for tokens of the production identity provider (OpenShift OAuth, Keycloak): asymmetric
 * signatures only (so an HS256 token "signed" with the issuer's public key, or an unsigned one, is
 * refused), keys from the issuer's JWK set, and always the issuer, the audience and the validity window
 * checked, also when only a JWK set URI is configured.
 */
public final class PlatformJwtDecoders {

    /** RSA, RSA-PSS and EC signatures; never HMAC, never none. */
    public static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(
            SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384,
            SignatureAlgorithm.RS512,
            SignatureAlgorithm.PS256,
            SignatureAlgorithm.PS384,
            SignatureAlgorithm.PS512,
            SignatureAlgorithm.ES256,
            SignatureAlgorithm.ES384,
            SignatureAlgorithm.ES512);

    private PlatformJwtDecoders() {}

    /** Timestamps (with the default 60 s skew), issuer and audience. */
    public static OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt> validator(
            String issuer, String audience) {
        List<OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        validators.add(
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * @param issuerUri {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}: always required,
     *     since the issuer is always checked
     * @param jwkSetUri {@code ...jwt.jwk-set-uri}: where the keys are; when absent they are found
     *     through the issuer's discovery document, on first use
     */
    public static JwtDecoder servlet(SecurityProperties security, String issuerUri, String jwkSetUri) {
        String issuer = requireIssuer(issuerUri);
        String audience = security.requiredAudience();
        if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
                    .build();
            decoder.setJwtValidator(validator(issuer, audience));
            return decoder;
        }
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer)
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
                    .build();
            decoder.setJwtValidator(validator(issuer, audience));
            return decoder;
        });
    }

    /** The same rules for the reactive stack (the gateway). */
    public static ReactiveJwtDecoder reactive(SecurityProperties security, String issuerUri, String jwkSetUri) {
        String issuer = requireIssuer(issuerUri);
        String audience = security.requiredAudience();
        NimbusReactiveJwtDecoder decoder = (jwkSetUri != null && !jwkSetUri.isBlank())
                ? NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                        .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
                        .build()
                : NimbusReactiveJwtDecoder.withIssuerLocation(issuer)
                        .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
                        .build();
        decoder.setJwtValidator(validator(issuer, audience));
        return decoder;
    }

    private static String requireIssuer(String issuerUri) {
        if (issuerUri == null || issuerUri.isBlank()) {
            throw new IllegalStateException("Tokens cannot be validated: set"
                    + " spring.security.oauth2.resourceserver.jwt.issuer-uri to the identity provider (also when"
                    + " jwk-set-uri is set: the issuer is always checked), or aiops.security.dev-mode=true with"
                    + " aiops.security.dev-secret for development");
        }
        return issuerUri.trim();
    }
}
