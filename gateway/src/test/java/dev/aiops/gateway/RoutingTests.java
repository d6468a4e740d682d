package dev.aiops.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;

class RoutingTests extends GatewayTestSupport {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Nested
    class Proxying {

        @Test
        void shouldForwardAuthorizationRequestIdAndTraceparentWhenViewerReads() {
            REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/clusters")).willReturn(okJson("{\"items\":[],\"total\":0}")));
            String token = bearer("vera", "viewer");

            web.get()
                    .uri("/api/v1/clusters?page=1")
                    .header("Authorization", token)
                    .header("X-Request-ID", "req-123")
                    .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-Request-ID", "req-123")
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(0);

            List<LoggedRequest> received = REGISTRY.findAll(getRequestedFor(urlPathEqualTo("/api/v1/clusters")));
            assertThat(received).hasSize(1);
            LoggedRequest request = received.get(0);
            assertThat(request.getHeader("Authorization")).isEqualTo(token);
            assertThat(request.getHeader("X-Request-ID")).isEqualTo("req-123");
            assertThat(request.queryParameter("page").firstValue()).isEqualTo("1");
            assertThat(request.getHeader("traceparent")).startsWith("00-" + TRACE_ID + "-");
        }

        @Test
        void shouldReplaceRequestIdWhenIncomingOneIsUnsafe() {
            REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/fleet/summary")).willReturn(okJson("{}")));

            String returned = web.get()
                    .uri("/api/v1/fleet/summary")
                    .header("Authorization", bearer("vera", "viewer"))
                    .header("X-Request-ID", "bad id\twith spaces")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getFirst("X-Request-ID");

            assertThat(returned).matches("[0-9a-f-]{36}");
            assertThat(REGISTRY.findAll(getRequestedFor(urlPathEqualTo("/api/v1/fleet/summary")))
                            .get(0)
                            .getHeader("X-Request-ID"))
                    .isEqualTo(returned);
        }

        @Test
        void shouldRouteEachPrefixToItsServiceWhenCalled() {
            COLLECTOR.stubFor(any(urlPathMatching("/.*")).willReturn(okJson("{\"from\":\"collector\"}")));
            INTELLIGENCE.stubFor(any(urlPathMatching("/.*")).willReturn(okJson("{\"from\":\"intelligence\"}")));
            INTENTS.stubFor(any(urlPathMatching("/.*")).willReturn(okJson("{\"from\":\"intents\"}")));
            String token = bearer("vera", "viewer");

            for (String[] route : new String[][] {
                {"/api/v1/alerts", "collector"},
                {"/prometheus/api/v1/labels", "collector"},
                {"/api/v1/personas", "intelligence"},
                {"/tmf-api/intentManagement/v5/intent", "intents"},
                {"/api/v1/cnfs/abc", "intents"}
            }) {
                web.get()
                        .uri(route[0])
                        .header("Authorization", token)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.from")
                        .isEqualTo(route[1]);
            }
        }

        @Test
        void shouldPassServiceErrorsThroughUnchangedWhenServiceAnswers() {
            REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/clusters/missing"))
                    .willReturn(aResponse()
                            .withStatus(404)
                            .withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"status\":404,\"code\":\"CLUSTER_NOT_FOUND\"}")));

            web.get()
                    .uri("/api/v1/clusters/missing")
                    .header("Authorization", bearer("vera", "viewer"))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("CLUSTER_NOT_FOUND");
        }

        @Test
        void shouldRetryIdempotentCallWhenServiceAnswers502() {
            REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/fleet/capabilities"))
                    .willReturn(aResponse().withStatus(502)));

            web.get()
                    .uri("/api/v1/fleet/capabilities")
                    .header("Authorization", bearer("vera", "viewer"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(502);

            assertThat(REGISTRY.findAll(getRequestedFor(urlPathEqualTo("/api/v1/fleet/capabilities"))))
                    .hasSize(3);
        }

        @Test
        void shouldNotRetryWriteWhenServiceAnswers502() {
            REGISTRY.stubFor(post(urlPathEqualTo("/api/v1/clusters/c1/refresh"))
                    .willReturn(aResponse().withStatus(502)));

            web.post()
                    .uri("/api/v1/clusters/c1/refresh")
                    .header("Authorization", bearer("olga", "operator"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(502);

            assertThat(REGISTRY.findAll(postRequestedFor(urlPathEqualTo("/api/v1/clusters/c1/refresh"))))
                    .hasSize(1);
        }

        @Test
        void shouldNotRetryWhenServiceAnswersWithDomain503() {
            REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/clusters/c1/status"))
                    .willReturn(aResponse()
                            .withStatus(503)
                            .withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"code\":\"CLUSTER_UNREACHABLE\"}")));

            web.get()
                    .uri("/api/v1/clusters/c1/status")
                    .header("Authorization", bearer("vera", "viewer"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("CLUSTER_UNREACHABLE");

            assertThat(REGISTRY.findAll(getRequestedFor(urlPathEqualTo("/api/v1/clusters/c1/status"))))
                    .hasSize(1);
        }

        @Test
        void shouldProxyWebSocketWithoutTokenWhenBrowserConnects(@LocalServerPort int port) {
            // browsers cannot send Authorization on an upgrade: realtime-streaming checks the first message
            List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

            new ReactorNettyWebSocketClient()
                    .execute(
                            URI.create("ws://127.0.0.1:" + port + "/ws"),
                            session -> session.send(Mono.just(session.textMessage("{\"type\":\"ping\"}")))
                                    .thenMany(session.receive()
                                            .take(1)
                                            .map(WebSocketMessage::getPayloadAsText)
                                            .doOnNext(received::add))
                                    .then())
                    .block(Duration.ofSeconds(10));

            assertThat(received).containsExactly("{\"type\":\"ping\"}");
        }
    }

    @Nested
    class Authorization {

        @Test
        void shouldAnswer401ProblemWithBearerChallengeWhenTokenMissing() {
            web.get()
                    .uri("/api/v1/clusters")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueEquals("WWW-Authenticate", "Bearer")
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .exists("X-Request-ID")
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(401)
                    .jsonPath("$.code")
                    .isEqualTo("UNAUTHORIZED")
                    .jsonPath("$.timestamp")
                    .exists()
                    .jsonPath("$.trace_id")
                    .exists();
            assertThat(REGISTRY.findAll(anyRequestedFor(urlPathMatching("/.*"))))
                    .isEmpty();
        }

        @Test
        void shouldAnswer401InvalidTokenWhenTokenIsForged() {
            web.get()
                    .uri("/api/v1/clusters")
                    .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueMatches("WWW-Authenticate", "Bearer error=\"invalid_token\".*")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("UNAUTHORIZED");
        }

        @Test
        void shouldAnswer403ProblemWhenViewerWrites() {
            web.post()
                    .uri("/api/v1/clusters")
                    .header("Authorization", bearer("vera", "viewer"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\":\"edge-1\"}")
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("FORBIDDEN");
            assertThat(REGISTRY.findAll(anyRequestedFor(urlPathMatching("/.*"))))
                    .isEmpty();
        }

        @Test
        void shouldProxyWriteWithBodyWhenOperatorPosts() {
            REGISTRY.stubFor(post(urlPathEqualTo("/api/v1/clusters"))
                    .willReturn(aResponse()
                            .withStatus(201)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"name\":\"edge-1\"}")));

            web.post()
                    .uri("/api/v1/clusters")
                    .header("Authorization", bearer("olga", "operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\":\"edge-1\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated();

            assertThat(REGISTRY.findAll(anyRequestedFor(urlPathEqualTo("/api/v1/clusters")))
                            .get(0)
                            .getBodyAsString())
                    .isEqualTo("{\"name\":\"edge-1\"}");
        }

        @Test
        void shouldAllowClusterDeletionOnlyWhenAdmin() {
            REGISTRY.stubFor(delete(urlPathEqualTo("/api/v1/clusters/c1"))
                    .willReturn(aResponse().withStatus(204)));

            web.delete()
                    .uri("/api/v1/clusters/c1")
                    .header("Authorization", bearer("olga", "operator"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            web.delete()
                    .uri("/api/v1/clusters/c1")
                    .header("Authorization", bearer("ada", "admin"))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            assertThat(REGISTRY.findAll(anyRequestedFor(urlPathEqualTo("/api/v1/clusters/c1"))))
                    .hasSize(1);
        }

        @Test
        void shouldRefuseRuleChangesWhenOperator() {
            web.put()
                    .uri("/api/v1/rules/r1")
                    .header("Authorization", bearer("olga", "operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }

        @Test
        void shouldDenyInternalPathsWhenEvenAdminAsks() {
            web.get()
                    .uri("/internal/credentials")
                    .header("Authorization", bearer("ada", "admin"))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("FORBIDDEN");
        }

        @Test
        void shouldRejectDotSegmentsWhenPathTriesToEscapeItsRoute(@LocalServerPort int port) {
            // a service would resolve the dots and serve /internal/keys; the gateway must not pass them
            web.get()
                    .uri(URI.create("http://127.0.0.1:" + port + "/api/v1/clusters/../../internal/keys"))
                    .header("Authorization", bearer("ada", "admin"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(REGISTRY.findAll(anyRequestedFor(urlPathMatching("/.*"))))
                    .isEmpty();
        }
    }

    @Nested
    class GatewayErrors {

        @Test
        void shouldAnswer404ProblemWhenNoRouteMatches() {
            web.get()
                    .uri("/api/v2/nothing")
                    .header("Authorization", bearer("vera", "viewer"))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("NOT_FOUND")
                    .jsonPath("$.instance")
                    .isEqualTo("/api/v2/nothing");
        }

        @Test
        void shouldAnswer404NotMethodNotAllowedWhenPostingToUnknownPath() {
            web.post()
                    .uri("/api/v2/nothing")
                    .header("Authorization", bearer("olga", "operator"))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("NOT_FOUND");
        }

        @Test
        void shouldAnswer503ProblemNamingServiceWhenServiceIsDown() {
            web.get()
                    .uri("/api/v1/packages")
                    .header("Authorization", bearer("vera", "viewer"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("SERVICE_UNAVAILABLE")
                    .jsonPath("$.instance")
                    .isEqualTo("/api/v1/packages")
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail)
                            .contains("porch-adapter")
                            .doesNotContain("Connection")
                            .doesNotContain("127.0.0.1"));
        }

        @Test
        void shouldAnswer504ProblemWhenServiceIsSlowerThanRouteTimeout() {
            INTELLIGENCE.stubFor(get(urlPathEqualTo("/api/v1/analysis/slow"))
                    .willReturn(okJson("{}").withFixedDelay(4000)));

            web.get()
                    .uri("/api/v1/analysis/slow")
                    .header("Authorization", bearer("vera", "viewer"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(504)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("UPSTREAM_TIMEOUT")
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail).contains("intelligence-engine"));
            // a timed-out call is not retried, even for GET
            assertThat(INTELLIGENCE.findAll(getRequestedFor(urlPathEqualTo("/api/v1/analysis/slow"))))
                    .hasSize(1);
        }

        @Test
        void shouldAnswer413ProblemWhenBodyExceedsLimit() {
            web.post()
                    .uri("/api/v1/intents")
                    .header("Authorization", bearer("olga", "operator"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(new byte[65 * 1024])
                    .exchange()
                    .expectStatus()
                    .isEqualTo(413)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(INTENTS.findAll(anyRequestedFor(urlPathMatching("/.*")))).isEmpty();
        }

        @Test
        void shouldNotExposeFallbackWhenCalledDirectly() {
            web.get()
                    .uri("/fallback/cluster-registry")
                    .header("Authorization", bearer("vera", "viewer"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }
}
