package dev.aiops.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.gateway.config.GatewayProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

class CorsConfigurationTests {

    @Test
    void shouldAllowNoOriginWhenNoneConfigured() {
        assertThat(configFor(List.of())).isNull();
    }

    @Test
    void shouldAllowLocalhostOnAnyPortWhenLocalPatternConfigured() {
        CorsConfiguration cors = configFor(List.of("http://localhost:*"));

        assertThat(cors.checkOrigin("http://localhost:5173")).isEqualTo("http://localhost:5173");
        assertThat(cors.checkOrigin("https://evil.example")).isNull();
        assertThat(cors.getExposedHeaders()).contains("X-Request-ID", "X-RateLimit-Remaining", "Retry-After");
        assertThat(cors.getAllowCredentials()).isFalse();
    }

    private static CorsConfiguration configFor(List<String> origins) {
        GatewayProperties properties = new GatewayProperties(
                DataSize.ofMegabytes(10), new GatewayProperties.Cors(origins), Duration.ofSeconds(2));
        CorsConfigurationSource source = new SecurityConfiguration().corsConfigurationSource(properties);
        return source.getCorsConfiguration(MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/clusters").build()));
    }
}
