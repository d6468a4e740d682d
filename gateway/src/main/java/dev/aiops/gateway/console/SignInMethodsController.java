package dev.aiops.gateway.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiops.platform.security.SecurityProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/config}: how the console may sign a user in here. It is read before anyone is signed in,
 * so it says only what a browser needs to start a sign-in: whether the dev sign-in exists and which identity
 * provider and public client to send the user to. Public clients have no secret, so nothing here is one.
 */
@RestController
@EnableConfigurationProperties(ConsoleProperties.class)
class SignInMethodsController {

    private final SignInMethods methods;

    SignInMethodsController(
            SecurityProperties security,
            ConsoleProperties console,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri) {
        ConsoleProperties.Oidc oidc = console.oidc();
        String authority = StringUtils.hasText(oidc.authority()) ? oidc.authority() : issuerUri;
        this.methods = new SignInMethods(
                security.devMode(),
                StringUtils.hasText(oidc.clientId()) && StringUtils.hasText(authority)
                        ? new Oidc(authority, oidc.clientId(), oidc.scope())
                        : null);
    }

    @Operation(summary = "The console's sign-in methods: dev sign-in (dev mode only) and the OIDC provider")
    @SecurityRequirements
    @GetMapping("/auth/config")
    SignInMethods signInMethods() {
        return methods;
    }

    /** {@code oidc} is absent when no identity provider is configured for the console. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignInMethods(@JsonProperty("dev_mode") boolean devMode, Oidc oidc) {}

    record Oidc(String authority, @JsonProperty("client_id") String clientId, String scope) {}
}
