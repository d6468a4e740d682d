package dev.aiops.platform.security;

import dev.aiops.platform.error.ProblemFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service is a JWT resource server: health, API docs and metrics scraping are open,
 * everything else needs a token, roles come from {@link RolesClaimConverter}, method security
 * ({@code @PreAuthorize("hasRole('OPERATOR')")}) honours the role hierarchy, and 401/403 are
 * problem+json; those roles are checked before the request body is read ({@link RoleCheckBeforeBinding}). Services add rules through their own {@code SecurityFilterChain} only when they must.
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class ServletSecurityAutoConfiguration {

    /** Paths anyone may call: probes, metrics scraping and API documentation. */
    public static final String[] OPEN_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error"
    };

    @Bean
    @ConditionalOnProperty(prefix = "aiops.security", name = "dev-mode", havingValue = "true")
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder devJwtDecoder(DevTokenIssuer devTokenIssuer) {
        return devTokenIssuer.decoder();
    }

    /**
     * Outside dev mode: the identity provider's tokens, with issuer and audience always checked (Boot's
     * own decoder checks the issuer only with {@code issuer-uri} and the audience only when asked).
     */
    @Bean
    @ConditionalOnProperty(prefix = "aiops.security", name = "dev-mode", havingValue = "false", matchIfMissing = true)
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder platformJwtDecoder(SecurityProperties properties, Environment environment) {
        return PlatformJwtDecoders.servlet(
                properties,
                environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"),
                environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"));
    }

    /**
     * No observation (timer and span) per security filter, authentication and authorization: with every
     * request traced, Spring Security's defaults add about a dozen to each request; in a CPU profile of the
     * collector's federated queries, the security and observation wrappers took about 12 % of the request
     * threads. The request itself stays observed ({@code http.server.requests} with its trace), as in the
     * gateway.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Roles.HIERARCHY);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers(ProblemFactory problems, JsonMapper json) {
        return new ProblemSecurityHandlers(problems, json);
    }

    /**
     * {@code @PreAuthorize} checked before the request body is read and validated ({@link RoleCheckBeforeBinding}),
     * with an authorization manager set up as {@code @EnableMethodSecurity} sets up its own: the application's
     * {@link MethodSecurityExpressionHandler} if it has one, otherwise the default one with the role hierarchy,
     * the role prefix and bean references ({@code @vesSenders...}).
     */
    @Bean
    WebMvcConfigurer roleCheckBeforeBinding(
            ObjectProvider<MethodSecurityExpressionHandler> expressionHandlers,
            ObjectProvider<RoleHierarchy> roleHierarchy,
            ObjectProvider<GrantedAuthorityDefaults> authorityDefaults,
            ApplicationContext context) {
        MethodSecurityExpressionHandler expressions = expressionHandlers.getIfUnique(() -> {
            DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
            roleHierarchy.ifUnique(handler::setRoleHierarchy);
            authorityDefaults.ifUnique(defaults -> handler.setDefaultRolePrefix(defaults.getRolePrefix()));
            handler.setApplicationContext(context);
            return handler;
        });
        PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();
        manager.setExpressionHandler(expressions);
        manager.setApplicationContext(context);
        RoleCheckBeforeBinding interceptor = new RoleCheckBeforeBinding(manager);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http, SecurityProperties properties, ProblemSecurityHandlers handlers) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(OPEN_PATHS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(new RolesClaimConverter(properties.rolesClaim())))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }
}
