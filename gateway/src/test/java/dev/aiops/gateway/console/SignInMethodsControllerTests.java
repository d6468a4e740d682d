package dev.aiops.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.config.PlatformAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What {@code GET /auth/config} tells the console for each configuration of the identity provider. */
class SignInMethodsControllerTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlatformAutoConfiguration.class))
            .withUserConfiguration(SignInMethodsController.class);

    @Test
    void shouldSendTheConsoleToThePlatformsIssuerWhenOnlyTheClientIsConfigured() {
        runner.withPropertyValues(
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://sso.example.org/realms/ops",
                        "aiops.console.oidc.client-id=aiops-console")
                .run(context -> assertThat(body(context))
                        .isEqualTo(Map.of(
                                "dev_mode",
                                false,
                                "oidc",
                                Map.of(
                                        "authority", "https://sso.example.org/realms/ops",
                                        "client_id", "aiops-console",
                                        "scope", "openid profile"))));
    }

    @Test
    void shouldPreferTheConsolesOwnAuthorityAndScope() {
        runner.withPropertyValues(
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://sso.example.org/realms/ops",
                        "aiops.console.oidc.client-id=aiops-console",
                        "aiops.console.oidc.authority=https://login.example.org",
                        "aiops.console.oidc.scope=openid profile roles")
                .run(context -> assertThat(body(context))
                        .extractingByKey("oidc")
                        .isEqualTo(Map.of(
                                "authority", "https://login.example.org",
                                "client_id", "aiops-console",
                                "scope", "openid profile roles")));
    }

    @Test
    void shouldOfferNoProviderWithoutAClientId() {
        runner.withPropertyValues(
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://sso.example.org/realms/ops")
                .run(context -> assertThat(body(context)).isEqualTo(Map.of("dev_mode", false)));
    }

    private static Map<String, Object> body(ApplicationContext context) {
        return WebTestClient.bindToController(context.getBean(SignInMethodsController.class))
                .build()
                .get()
                .uri("/auth/config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }
}
