package dev.aiops.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aiops.gateway.*}: what the gateway itself enforces. Rate limits live in their own record
 * ({@code aiops.gateway.rate-limits.*}) and route timeouts in the route metadata of application.yml.
 *
 * @param maxBodySize largest request body accepted, checked before anything is proxied
 * @param cors origins browsers may call the API from; empty (the production default) sends no CORS headers
 * @param healthTimeout how long {@code /health/detailed} waits for each service
 */
@ConfigurationProperties(prefix = "aiops.gateway")
public record GatewayProperties(
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue Cors cors,
        @DefaultValue("2s") Duration healthTimeout) {

    /** Patterns as in {@code CorsConfiguration#setAllowedOriginPatterns}, e.g. {@code http://localhost:*}. */
    public record Cors(@DefaultValue List<String> allowedOriginPatterns) {}
}
