package dev.aiops.gateway.security;

import dev.aiops.gateway.config.GatewayProperties;
import dev.aiops.gateway.error.ProblemResponses;
import dev.aiops.gateway.ratelimit.UnauthenticatedThrottle;
import dev.aiops.platform.error.RequestIds;
import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.PlatformJwtDecoders;
import dev.aiops.platform.security.RolesClaimConverter;
import dev.aiops.platform.security.SecurityProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway is a stateless JWT resource server. platform-commons only configures servlet services, so
 * this is the reactive chain built from the same pieces: {@link RolesClaimConverter}, the dev-mode
 * {@link DevTokenIssuer}, problem+json errors. Authorization rules live in {@link AccessPolicy}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            SecurityProperties security,
            ProblemResponses problems,
            CorsConfigurationSource corsConfigurationSource,
            ReactiveJwtDecoder decoder,
            ObjectProvider<UnauthenticatedThrottle> throttle) {
        ProblemAuthHandlers handlers = new ProblemAuthHandlers(problems, throttle.getIfAvailable());
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.disable())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> cors.configurationSource(corsConfigurationSource))
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(new AccessPolicy()))
                .oauth2ResourceServer(oauth -> oauth.authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers)
                        .bearerTokenConverter(new PrometheusBasicAuthConverter())
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(
                                        new RolesClaimConverter(security.rolesClaim())))))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .build();
    }

    /**
     * In dev mode tokens are the gateway's own HS256 ones. Their issuer ({@code aiops-dev}) is no URL:
     * the default claim conversion tries {@code new URL(iss)} first and keeps the string only after
     * catching the exception, which costs a filled-in stack trace on every request. Kept as a string
     * straight away (the issuer validator compares strings either way).
     */
    @Bean
    @ConditionalOnProperty(prefix = "aiops.security", name = "dev-mode", havingValue = "true")
    ReactiveJwtDecoder devJwtDecoder(DevTokenIssuer devTokenIssuer) {
        ReactiveJwtDecoder decoder = devTokenIssuer.reactiveDecoder();
        if (decoder instanceof NimbusReactiveJwtDecoder nimbus) {
            nimbus.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                    Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        }
        return decoder;
    }

    /**
     * No observation (metric timer and trace span) per security filter, authentication and authorization:
     * with every request traced, Spring Security's defaults add about a dozen observations to each
     * proxied call, and the gateway's job is to add as little as possible. The request itself stays
     * observed ({@code http.server.requests}, with its trace), and so does the call to the service.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Otherwise the identity provider's tokens, under the same rules as every service (issuer and audience
     * always checked, asymmetric signatures only): Boot's own reactive decoder checks neither always.
     */
    @Bean
    @ConditionalOnProperty(prefix = "aiops.security", name = "dev-mode", havingValue = "false", matchIfMissing = true)
    ReactiveJwtDecoder platformJwtDecoder(SecurityProperties security, Environment environment) {
        return PlatformJwtDecoders.reactive(
                security,
                environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"),
                environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"));
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.cors().allowedOriginPatterns();
        if (origins.isEmpty()) {
            return source; // no configuration: same-origin only, browsers block the rest
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(origins);
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of(
                RequestIds.HEADER, "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"));
        // bearer tokens, not cookies: credentials mode is not needed and stays off
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** The firewall's rejections (400 with an empty body by default) become problems too. */
    @Bean
    static BeanPostProcessor firewallProblems(
            org.springframework.beans.factory.ObjectProvider<ProblemResponses> problems) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof WebFilterChainProxy proxy) {
                    proxy.setExchangeRejectedHandler(new ProblemAuthHandlers(problems.getObject(), null));
                }
                return bean;
            }
        };
    }
}
