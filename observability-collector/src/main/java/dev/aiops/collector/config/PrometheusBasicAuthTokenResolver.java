package dev.aiops.collector.config;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the platform token the way Prometheus clients send it. Everywhere: {@code Authorization: Bearer}.
 * On the Prometheus-compatible API only, also HTTP basic auth whose password is the token (the user name is
 * ignored): promtool, Grafana's basic-auth data sources and other tools without a header option send that.
 * The token is then verified exactly like a bearer token.
 */
class PrometheusBasicAuthTokenResolver implements BearerTokenResolver {

    static final String PROMETHEUS_API = "/prometheus/";

    private final DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null
                && header.regionMatches(true, 0, "Basic ", 0, 6)
                && request.getRequestURI().startsWith(request.getContextPath() + PROMETHEUS_API)) {
            return basicPassword(header.substring(6).trim());
        }
        return bearer.resolve(request);
    }

    private static String basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            // an empty password is no credential; the request then fails authentication as anonymous
            return password.isBlank() ? null : password;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
