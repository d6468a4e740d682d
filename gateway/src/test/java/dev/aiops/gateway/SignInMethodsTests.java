package dev.aiops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** {@code GET /auth/config} through the whole gateway: public, so the sign-in page can read it. */
class SignInMethodsTests extends GatewayTestSupport {

    @Test
    void shouldOfferTheDevSignInWithoutATokenInDevMode() {
        Map<String, Object> methods = web.get()
                .uri("/auth/config")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        assertThat(methods).containsExactly(Map.entry("dev_mode", true));
    }
}
