package dev.aiops.collector.ves;

import dev.aiops.platform.security.ProblemSecurityHandlers;
import dev.aiops.platform.security.RolesClaimConverter;
import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.platform.security.ServletSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * platform-commons' security chain (JWT resource server, open probes and docs, problem+json 401/403) plus
 * the basic auth of VES senders on the ingestion endpoints. Whether a sender may post is then decided by
 * {@code @PreAuthorize("@vesSenders.maySend(authentication)")} on those endpoints.
 */
@Configuration(proxyBeanMethods = false)
class VesSecurityConfiguration {

    @Bean
    SecurityFilterChain collectorSecurityFilterChain(
            HttpSecurity http, SecurityProperties properties, ProblemSecurityHandlers handlers, VesSenders senders)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(ServletSecurityAutoConfiguration.OPEN_PATHS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(
                        new VesSenderAuthenticationFilter(senders, handlers), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(oauth -> oauth.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(new RolesClaimConverter(properties.rolesClaim())))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }
}
