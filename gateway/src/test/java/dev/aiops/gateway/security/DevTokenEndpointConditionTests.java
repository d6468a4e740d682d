package dev.aiops.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.config.PlatformAutoConfiguration;
import dev.aiops.platform.security.DevTokenIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With dev mode off {@code POST /auth/dev-token} must not exist at all: no controller, no issuer. The path
 * stays open in {@link AccessPolicy}, so callers get the gateway's 404 problem, not a 401 that would
 * suggest the endpoint is there. (The 404 for an unmapped POST is covered in RoutingTests.)
 */
class DevTokenEndpointConditionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlatformAutoConfiguration.class))
            .withUserConfiguration(DevTokenController.class);

    @Test
    void shouldNotCreateEndpointWhenDevModeIsOff() {
        runner.withPropertyValues("aiops.security.dev-mode=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(DevTokenController.class)
                        .doesNotHaveBean(DevTokenIssuer.class));
    }

    @Test
    void shouldNotCreateEndpointWhenDevModeIsUnset() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DevTokenController.class));
    }

    @Test
    void shouldCreateEndpointWhenDevModeIsOn() {
        runner.withPropertyValues(
                        "aiops.security.dev-mode=true",
                        "aiops.security.dev-secret=a-dev-secret-that-is-long-enough-for-hs256")
                .run(context -> assertThat(context).hasSingleBean(DevTokenController.class));
    }

    @Test
    void shouldKeepPathPublicSoDisabledEndpointAnswers404() {
        assertThat(AccessPolicy.required(org.springframework.http.HttpMethod.POST, "/auth/dev-token"))
                .isEqualTo(dev.aiops.platform.security.GatewayAccessRules.Access.PUBLIC);
    }
}
