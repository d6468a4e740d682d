package dev.aiops.console;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * A real OpenID Connect provider (Spring Security's authorization server) standing in for the operators'
 * Keycloak or OpenShift OAuth: discovery, a JWK set, a login form, the authorization endpoint with PKCE and
 * the token endpoint. It knows one public client, the console, and two people; their access tokens carry
 * what a Keycloak mapper would add for the platform: {@code roles}, {@code preferred_username} and the
 * platform's audience.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OpenIdProvider {

    static final String CLIENT_ID = "aiops-console";
    static final String AUDIENCE = "aiops-nextgen";
    static final Map<String, String> PASSWORDS = Map.of("olivia", "olivia-secret", "victor", "victor-secret");
    private static final Map<String, String> ROLES = Map.of("olivia", "operator", "victor", "viewer");

    /** Starts the provider at {@code issuer} for a console served at {@code consoleOrigin}. */
    static ConfigurableApplicationContext start(int port, String consoleOrigin) {
        return new SpringApplication(OpenIdProvider.class)
                .run(
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--aiops.test.console-origin=" + consoleOrigin,
                        "--spring.main.banner-mode=off");
    }

    static String issuer(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The protocol endpoints; the console calls discovery, the JWK set and the token endpoint from its origin. */
    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .cors(Customizer.withDefaults())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The people sign in with a form, as at any identity provider. */
    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(@Value("${aiops.test.console-origin}") String consoleOrigin) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.of(consoleOrigin));
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("*"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** A public client (no secret: it runs in a browser) that must use PKCE, and asks no consent. */
    @Bean
    RegisteredClientRepository clients(@Value("${aiops.test.console-origin}") String consoleOrigin) {
        RegisteredClient console = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(consoleOrigin + "/auth/callback")
                .postLogoutRedirectUri(consoleOrigin + "/")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(console);
    }

    @Bean
    UserDetailsService people() {
        return new InMemoryUserDetailsManager(PASSWORDS.entrySet().stream()
                .map(person -> User.withUsername(person.getKey())
                        .password("{noop}" + person.getValue())
                        .roles(ROLES.get(person.getKey()).toUpperCase())
                        .build())
                .toList());
    }

    /** What a Keycloak protocol mapper adds for the platform: its roles, the user name and its audience. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> platformClaims() {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            List<String> roles = context.getPrincipal().getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(authority -> authority.startsWith("ROLE_"))
                    .map(authority -> authority.substring("ROLE_".length()).toLowerCase())
                    .toList();
            context.getClaims()
                    .claim("roles", roles)
                    .claim("preferred_username", context.getPrincipal().getName())
                    .audience(List.of(CLIENT_ID, AUDIENCE));
        };
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings settings(@Value("${server.port}") int port) {
        return AuthorizationServerSettings.builder().issuer(issuer(port)).build();
    }
}
