package dev.aiops.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.error.ProblemFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

class GatewayErrorHandlerTests {

    private final GatewayErrorHandler handler = new GatewayErrorHandler(
            new ProblemResponses(new ProblemFactory(null), JsonMapper.builder().build()));

    @Test
    void shouldAnswerBare500WithoutInternalsWhenErrorIsUnexpected() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new IllegalStateException("jdbc:postgresql://db:5432 password=hunter2"))
                .block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(body)
                .contains("\"code\":\"INTERNAL_ERROR\"")
                .contains("\"detail\":\"An unexpected error occurred\"")
                .doesNotContain("postgresql")
                .doesNotContain("hunter2")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void shouldKeepStatusAndHeadersButNotReasonWhenFrameworkRaisesStatus() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new MethodNotAllowedException(HttpMethod.PATCH, Set.of(HttpMethod.GET)))
                .block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(405);
        assertThat(exchange.getResponse().getHeaders().getAllow()).containsExactly(HttpMethod.GET);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
    }

    @Test
    void shouldAnswer504WithoutTimeoutDetailsWhenResponseTimedOut() {
        MockServerWebExchange exchange = exchange();

        handler.handle(
                        exchange,
                        new ResponseStatusException(
                                org.springframework.http.HttpStatus.GATEWAY_TIMEOUT,
                                "Response took longer than timeout: PT1S"))
                .block();

        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(body).contains("\"code\":\"UPSTREAM_TIMEOUT\"").doesNotContain("PT1S");
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/clusters").build());
    }
}
