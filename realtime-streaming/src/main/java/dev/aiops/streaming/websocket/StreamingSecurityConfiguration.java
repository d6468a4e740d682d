package dev.aiops.streaming.websocket;

import dev.aiops.platform.security.ProblemSecurityHandlers;
import dev.aiops.platform.security.RolesClaimConverter;
import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.platform.security.ServletSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * platform-commons' security chain plus one open path: the WebSocket handshake, on which browsers cannot
 * send an Authorization header. The socket authenticates itself with the token in its first message
 * (see {@code StreamingHandler}); everything else here stays a JWT resource server, as in every service.
 */
@Configuration(proxyBeanMethods = false)
class StreamingSecurityConfiguration {

    @Bean
    SecurityFilterChain streamingSecurityFilterChain(
            HttpSecurity http, SecurityProperties properties, ProblemSecurityHandlers handlers) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(ServletSecurityAutoConfiguration.OPEN_PATHS)
                        .permitAll()
                        .requestMatchers(WebSocketConfiguration.PATH)
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
