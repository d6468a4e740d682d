package dev.aiops.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aiops.console.*}: what the web console learns from the gateway when it starts, so one console build
 * serves every installation.
 *
 * @param oidc the identity provider the console signs users in with (Authorization Code + PKCE)
 */
@ConfigurationProperties(prefix = "aiops.console")
record ConsoleProperties(@DefaultValue Oidc oidc) {

    /**
     * @param clientId the console's public client at the identity provider; unset = no OIDC sign-in
     * @param authority the provider's issuer URL; unset = the issuer the platform checks tokens against
     *     ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), which is nearly always the same
     * @param scope the scopes asked for
     */
    record Oidc(
            String clientId,
            String authority,
            @DefaultValue("openid profile") String scope) {}
}
