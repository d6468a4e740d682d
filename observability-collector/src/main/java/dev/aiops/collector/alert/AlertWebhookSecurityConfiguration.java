package dev.aiops.collector.alert;

import dev.aiops.platform.security.ProblemSecurityHandlers;
import dev.aiops.platform.security.RolesClaimConverter;
import dev.aiops.platform.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The webhook's own chain, ahead of the collector's main one: the platform's JWT resource server plus the
 * per-cluster credentials of {@link WebhookAuthenticationFilter}. Which roles may post is then decided by
 * the {@code @PreAuthorize} of the endpoint.
 */
@Configuration(proxyBeanMethods = false)
class AlertWebhookSecurityConfiguration {

    @Bean
    @Order(10)
    SecurityFilterChain alertWebhookSecurityFilterChain(
            HttpSecurity http,
            SecurityProperties properties,
            ProblemSecurityHandlers handlers,
            WebhookCredentials credentials)
            throws Exception {
        http.securityMatcher(AlertController.WEBHOOK_PATH)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .addFilterBefore(
                        new WebhookAuthenticationFilter(credentials, handlers), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(oauth -> oauth.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(new RolesClaimConverter(properties.rolesClaim())))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }
}
