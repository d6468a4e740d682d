package dev.aiops.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

class PrometheusBasicAuthConverterTests {

    final PrometheusBasicAuthConverter converter = new PrometheusBasicAuthConverter();

    @Test
    void shouldTakeTheBasicAuthPasswordAsTheTokenOnThePrometheusApi() {
        Authentication auth = convert("/prometheus/api/v1/query", basic("grafana", "the.jwt.token"));

        assertThat(auth).isInstanceOf(BearerTokenAuthenticationToken.class);
        assertThat(((BearerTokenAuthenticationToken) auth).getToken()).isEqualTo("the.jwt.token");
    }

    @Test
    void shouldIgnoreBasicAuthEverywhereElse() {
        assertThat(convert("/api/v1/clusters", basic("grafana", "the.jwt.token")))
                .isNull();
        assertThat(convert("/api/v1/metrics/query", basic("grafana", "the.jwt.token")))
                .isNull();
    }

    @Test
    void shouldTreatAnEmptyPasswordAsNoCredentials() {
        assertThat(convert("/prometheus/api/v1/query", basic("grafana", ""))).isNull();
        assertThat(convert("/prometheus/api/v1/query", "Basic not-base64!")).isNull();
    }

    @Test
    void shouldStillAcceptBearerTokensOnEveryPath() {
        Authentication prometheus = convert("/prometheus/api/v1/labels", "Bearer abc.def.ghi");
        Authentication other = convert("/api/v1/clusters", "Bearer abc.def.ghi");

        assertThat(((BearerTokenAuthenticationToken) prometheus).getToken()).isEqualTo("abc.def.ghi");
        assertThat(((BearerTokenAuthenticationToken) other).getToken()).isEqualTo("abc.def.ghi");
    }

    private Authentication convert(String path, String authorization) {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get(path).header("Authorization", authorization));
        return converter.convert(exchange).block();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
