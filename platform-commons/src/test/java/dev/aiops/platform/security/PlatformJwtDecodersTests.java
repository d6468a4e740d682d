package dev.aiops.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The production decoder against a real JWK set served over HTTP, with tokens an attacker or a
 * misconfigured issuer would send. Each refused case differs from the accepted one in one thing only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformJwtDecodersTests {

    static final String ISSUER = "https://sso.example.com/realms/aiops";
    static final String AUDIENCE = "aiops-nextgen";

    RSAKey key;
    HttpServer jwks;
    JwtDecoder decoder;

    @BeforeAll
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        decoder = PlatformJwtDecoders.servlet(production(AUDIENCE), ISSUER, jwkSetUri());
    }

    @AfterAll
    void stop() {
        jwks.stop(0);
    }

    String jwkSetUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
    }

    static SecurityProperties production(String audience) {
        return new SecurityProperties(false, null, "aiops-dev", Duration.ofHours(8), "roles", null, audience);
    }

    JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .audience(AUDIENCE)
                .claim("roles", List.of("viewer"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    String rs256(UnaryOperator<JWTClaimsSet.Builder> claims, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                claims.apply(validClaims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void shouldAcceptAValidTokenOfTheIssuer() throws Exception {
        Jwt jwt = decoder.decode(rs256(c -> c, "k1"));

        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getAudience()).containsExactly(AUDIENCE);
    }

    @Nested
    class Refused {

        @Test
        void shouldRefuseAnExpiredToken() throws Exception {
            Instant past = Instant.now().minusSeconds(3600);
            String token = rs256(
                    c -> c.issueTime(Date.from(past))
                            .notBeforeTime(Date.from(past))
                            .expirationTime(Date.from(past.plusSeconds(600))),
                    "k1");

            assertThatThrownBy(() -> decoder.decode(token))
                    .isInstanceOf(JwtException.class)
                    .hasMessageContaining("expired");
        }

        @Test
        void shouldRefuseATokenNotYetValid() throws Exception {
            Instant later = Instant.now().plusSeconds(3600);
            String token = rs256(
                    c -> c.notBeforeTime(Date.from(later)).expirationTime(Date.from(later.plusSeconds(600))), "k1");

            assertThatThrownBy(() -> decoder.decode(token))
                    .isInstanceOf(JwtException.class)
                    .hasMessageContaining("before");
        }

        @Test
        void shouldRefuseATokenOfAnotherIssuer() throws Exception {
            String token = rs256(c -> c.issuer("https://evil.example.com/realms/aiops"), "k1");

            assertThatThrownBy(() -> decoder.decode(token))
                    .isInstanceOf(JwtException.class)
                    .hasMessageContaining("iss");
        }

        @Test
        void shouldRefuseATokenForAnotherAudience() throws Exception {
            String token = rs256(c -> c.audience("grafana"), "k1");

            assertThatThrownBy(() -> decoder.decode(token))
                    .isInstanceOf(JwtException.class)
                    .hasMessageContaining("aud");
        }

        @Test
        void shouldRefuseATokenWithoutAudience() throws Exception {
            String token = rs256(c -> c.audience((String) null), "k1");

            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        }

        @Test
        void shouldRefuseAnUnsignedToken() {
            String token = new PlainJWT(new PlainHeader(), validClaims().build()).serialize();

            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        }

        @Test
        void shouldRefuseAnHs256TokenSignedWithThePublicKey() throws Exception {
            // key confusion: a verifier that took "alg" from the token would check this HMAC with the
            // RSA public key it trusts, which the attacker knows
            byte[] publicKey = key.toRSAPublicKey().getEncoded();
            byte[] secret = publicKey.length >= 32 ? publicKey : java.util.Arrays.copyOf(publicKey, 32);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
                    validClaims().build());
            jwt.sign(new MACSigner(secret));

            assertThatThrownBy(() -> decoder.decode(jwt.serialize())).isInstanceOf(JwtException.class);
        }

        @Test
        void shouldRefuseATokenWithAnUnknownKeyId() throws Exception {
            RSAKey other = new RSAKeyGenerator(2048).keyID("k2").generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k2").build(),
                    validClaims().build());
            jwt.sign(new RSASSASigner(other));

            assertThatThrownBy(() -> decoder.decode(jwt.serialize())).isInstanceOf(JwtException.class);
        }

        @Test
        void shouldRefuseATokenSignedByAnotherKeyUnderAKnownKeyId() throws Exception {
            RSAKey impostor = new RSAKeyGenerator(2048).keyID("k1").generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                    validClaims().build());
            jwt.sign(new RSASSASigner(impostor));

            assertThatThrownBy(() -> decoder.decode(jwt.serialize())).isInstanceOf(JwtException.class);
        }
    }

    @Nested
    class Configuration {

        @Test
        void shouldRequireTheIssuerAlsoWhenOnlyAJwkSetUriIsConfigured() {
            assertThatThrownBy(() -> PlatformJwtDecoders.servlet(production(AUDIENCE), null, jwkSetUri()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("issuer-uri");
            assertThatThrownBy(() -> PlatformJwtDecoders.reactive(production(AUDIENCE), " ", jwkSetUri()))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void shouldRequireTheAudienceOutsideDevMode() {
            assertThatThrownBy(() -> PlatformJwtDecoders.servlet(production(null), ISSUER, jwkSetUri()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("aiops.security.audience");
        }

        @Test
        void shouldDefaultTheAudienceInDevMode() {
            SecurityProperties dev = new SecurityProperties(
                    true,
                    "a-dev-secret-that-is-long-enough-for-hs256",
                    "aiops-dev",
                    Duration.ofHours(1),
                    "roles",
                    null);

            assertThat(dev.requiredAudience()).isEqualTo(SecurityProperties.DEV_AUDIENCE);
        }
    }

    @Nested
    class DevIssuer {

        final SecurityProperties dev = new SecurityProperties(
                true,
                "a-dev-secret-that-is-long-enough-for-hs256",
                "aiops-dev",
                Duration.ofHours(1),
                "roles",
                null,
                "dev-audience");
        final DevTokenIssuer issuer = new DevTokenIssuer(dev);

        @Test
        void shouldRefuseToMintTheServiceRoleForAUser() {
            assertThatThrownBy(() -> issuer.issue("mallory", Set.of("admin", "service")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("service");
            assertThatThrownBy(() -> issuer.issue("mallory", Set.of("SERVICE")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void shouldNameTheServiceInItsToken() {
            String token = new ServiceTokenProvider(issuer, null, "observability-collector").token();

            Jwt jwt = issuer.decoder().decode(token);

            assertThat(jwt.getClaimAsString("azp")).isEqualTo("observability-collector");
            assertThat(jwt.getSubject()).isEqualTo("service:observability-collector");
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("service");
            assertThat(jwt.getAudience()).containsExactly("dev-audience");
        }

        @Test
        void shouldRefuseADevTokenForAnotherAudience() {
            SecurityProperties elsewhere = new SecurityProperties(
                    true,
                    "a-dev-secret-that-is-long-enough-for-hs256",
                    "aiops-dev",
                    Duration.ofHours(1),
                    "roles",
                    null,
                    "other-audience");
            String token = new DevTokenIssuer(elsewhere)
                    .issue("alice", Set.of("viewer"))
                    .accessToken();

            assertThatThrownBy(() -> issuer.decoder().decode(token)).isInstanceOf(JwtException.class);
        }
    }
}
