package dev.aiops.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.security.GatewayAccessRules;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** The console's production build (the dashboard module's jar) as the gateway serves it. */
class ConsoleServingTests extends GatewayTestSupport {

    private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"");

    private String index(String path) {
        byte[] body = web.get()
                .uri(path)
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noCache())
                .expectBody()
                .returnResult()
                .getResponseBody();
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void shouldServeTheConsoleAtTheRootWithoutTokenAndNeverCacheIt() {
        String html = index("/");

        assertThat(html).contains("<div id=\"root\"></div>").containsPattern(SCRIPT);
        assertThat(index("/index.html")).isEqualTo(html);
    }

    @Test
    void shouldServeHashedAssetsAsImmutableForAYear() {
        Matcher script = SCRIPT.matcher(index("/"));
        assertThat(script.find()).isTrue();

        web.get()
                .uri(script.group(1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        HttpHeaders.CACHE_CONTROL,
                        value -> assertThat(value)
                                .contains("max-age=31536000")
                                .contains("public")
                                .contains("immutable"))
                .expectBody(String.class)
                .value(js -> assertThat(js).isNotBlank());
    }

    @Test
    void shouldAnswerClientRoutesWithTheConsoleSoReloadsWork() {
        String root = index("/");

        assertThat(index("/clusters/abc")).isEqualTo(root);
        assertThat(index("/intents/0b6f3a52-61a3-4c55-9b1e-8f0b7b0c2f10")).isEqualTo(root);
        assertThat(index("/metrics")).isEqualTo(root);
        assertThat(index("/settings")).isEqualTo(root);
    }

    @Test
    void shouldStillRouteTheApiBehindTheConsolesRoutes() {
        REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/clusters"))
                .willReturn(okJson("{\"items\":[],\"total\":0,\"page\":1,\"page_size\":20,\"total_pages\":0}")));

        web.get()
                .uri("/api/v1/clusters")
                .header("Authorization", bearer("vera", "viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        // without a token the API stays closed: the console's routes opened nothing else
        web.get().uri("/api/v1/clusters").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldNotAnswerUnknownPathsWithTheConsole() {
        web.get().uri("/no-such-page").exchange().expectStatus().isUnauthorized();
        web.get()
                .uri("/no-such-page")
                .header("Authorization", bearer("vera", "viewer"))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.valueOf("application/vnd.spring-boot.actuator.v3+json"));
    }

    @Test
    void shouldKeepEveryConsoleRoutePublicAtTheGateway() {
        for (String route : GatewayAccessRules.CONSOLE_ROUTES) {
            String path = route.replace("{id}", "x");
            assertThat(GatewayAccessRules.required(HttpMethod.GET, path))
                    .as(path)
                    .isEqualTo(GatewayAccessRules.Access.PUBLIC);
        }
        assertThat(GatewayAccessRules.required(HttpMethod.GET, "/api/v1/clusters/x"))
                .isEqualTo(GatewayAccessRules.Access.VIEWER);
    }
}
