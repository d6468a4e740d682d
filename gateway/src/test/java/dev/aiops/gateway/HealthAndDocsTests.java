package dev.aiops.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class HealthAndDocsTests extends GatewayTestSupport {

    @Nested
    class DetailedHealth {

        @Test
        void shouldShowStubbedServiceUpAndMissingOneDownWhenAsked() {
            REGISTRY.stubFor(get(urlPathEqualTo("/actuator/health"))
                    .willReturn(okJson("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}")));
            COLLECTOR.stubFor(get(urlPathEqualTo("/actuator/health")).willReturn(okJson("{\"status\":\"UP\"}")));
            INTENTS.stubFor(get(urlPathEqualTo("/actuator/health"))
                    .willReturn(serviceUnavailable()
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"status\":\"DOWN\"}")));

            web.get()
                    .uri("/health/detailed")
                    .header("Authorization", bearer("ada", "admin"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("DEGRADED")
                    .jsonPath("$.services['cluster-registry'].status")
                    .isEqualTo("UP")
                    .jsonPath("$.services['cluster-registry'].url")
                    .isEqualTo(REGISTRY.baseUrl())
                    .jsonPath("$.services['cluster-registry'].latency_ms")
                    .isNumber()
                    .jsonPath("$.services['observability-collector'].status")
                    .isEqualTo("UP")
                    .jsonPath("$.services['intent-service'].status")
                    .isEqualTo("DOWN")
                    .jsonPath("$.services['porch-adapter'].status")
                    .isEqualTo("DOWN")
                    // the WebSocket echo has no actuator: a 404 is not UP
                    .jsonPath("$.services['realtime-streaming'].status")
                    .isEqualTo("DOWN")
                    .jsonPath("$.services.gateway")
                    .doesNotExist()
                    .jsonPath("$.dependencies.redis.status")
                    .isEqualTo("UP")
                    // the test kit's real PostgreSQL, probed at spring.datasource.url
                    .jsonPath("$.dependencies.postgresql.status")
                    .isEqualTo("UP");
        }

        @Test
        void shouldShowViewerStatusesWithoutUrlsOrLatencies() {
            REGISTRY.stubFor(get(urlPathEqualTo("/actuator/health")).willReturn(okJson("{\"status\":\"UP\"}")));

            web.get()
                    .uri("/health/detailed")
                    .header("Authorization", bearer("vera", "viewer"))
                    .exchange()
                    // whatever the statuses (the admin test checks them), the shape is the viewer's
                    .expectBody()
                    .jsonPath("$.services['cluster-registry'].status")
                    .isNotEmpty()
                    .jsonPath("$.services['porch-adapter'].status")
                    .isEqualTo("DOWN")
                    .jsonPath("$.services['cluster-registry'].url")
                    .doesNotExist()
                    .jsonPath("$.services['cluster-registry'].latency_ms")
                    .doesNotExist()
                    .jsonPath("$.services['porch-adapter'].url")
                    .doesNotExist()
                    .jsonPath("$.dependencies.postgresql.status")
                    .isNotEmpty();
        }

        @Test
        void shouldRequireTokenWhenAskedAnonymously() {
            web.get().uri("/health/detailed").exchange().expectStatus().isUnauthorized();
        }
    }

    @Nested
    class OpenEndpoints {

        @Test
        void shouldServeActuatorHealthWithoutToken() {
            web.get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
        }

        @Test
        void shouldKeepOtherActuatorEndpointsClosedWhenAdminAsks() {
            web.get()
                    .uri("/actuator/env")
                    .header("Authorization", bearer("ada", "admin"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }

        @Test
        void shouldServeGatewayApiDocsWithoutToken() {
            web.get()
                    .uri("/v3/api-docs")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.paths['/auth/dev-token']")
                    .exists()
                    .jsonPath("$.paths['/health/detailed']")
                    .exists()
                    .jsonPath("$.paths['/fallback/{service}']")
                    .doesNotExist();
        }

        @Test
        void shouldProxyServiceApiDocsWithoutTokenWhenAskedByServiceName() {
            REGISTRY.stubFor(get(urlPathEqualTo("/v3/api-docs"))
                    .willReturn(okJson("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"cluster-registry\"}}")));

            web.get()
                    .uri("/v3/api-docs/cluster-registry")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.info.title")
                    .isEqualTo("cluster-registry");
        }

        @Test
        void shouldListEveryServiceInSwaggerConfigWhenUiLoads() {
            web.get()
                    .uri("/v3/api-docs/swagger-config")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.urls[*].name")
                    .value(names -> assertThat(names.toString())
                            .contains(
                                    "gateway",
                                    "cluster-registry",
                                    "observability-collector",
                                    "intelligence-engine",
                                    "intent-service",
                                    "porch-adapter",
                                    "realtime-streaming"));
            web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        }

        @Test
        void shouldAnswerProblemWhenServiceApiDocsAreUnreachable() {
            web.get()
                    .uri("/v3/api-docs/porch-adapter")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
