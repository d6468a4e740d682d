package dev.aiops.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Calls whose answer a test inspects whatever the status, for suites that expect refusals as well as successes. */
public final class RestCalls {

    private final RestTestClient client;
    private final Tokens tokens;

    public RestCalls(RestTestClient client, Tokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    /** The status of an anonymous GET, e.g. {@code /actuator/health/readiness}. */
    public int status(String path) {
        return client.get()
                .uri(path)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    /**
     * Waits until the service is out of its Service's rotation but alive: readiness DOWN (503) while liveness
     * stays UP, so Kubernetes stops sending it traffic without restarting it.
     */
    public void awaitOutOfRotation(Duration patience) {
        await().atMost(patience).until(() -> status("/actuator/health/readiness") == 503);
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
    }

    /** Waits until readiness is UP again. */
    public void awaitBackInRotation(Duration patience) {
        await().atMost(patience).until(() -> status("/actuator/health/readiness") == 200);
    }

    /** A call as {@code role}, with a JSON {@code body} when not null. */
    public EntityExchangeResult<String> call(String role, HttpMethod method, String uri, String body) {
        RestTestClient.RequestBodySpec request = client.method(method).uri(uri).headers(tokens.as(role));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange().returnResult(String.class);
    }

    /**
     * A refusal while a dependency (the database) is away: 503 problem+json with {@code SERVICE_UNAVAILABLE} and
     * {@code Retry-After}, and nothing of the failure's internals in the body.
     */
    public static void assertServiceUnavailable(EntityExchangeResult<String> response) {
        assertThat(response.getStatus().value()).as(response.getResponseBody()).isEqualTo(503);
        assertThat(response.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(JsonMapper.shared()
                        .readTree(response.getResponseBody())
                        .path("code")
                        .asString())
                .isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.getResponseBody())
                .doesNotContain("Exception")
                .doesNotContain("jdbc:")
                .doesNotContain("at dev.");
    }
}
