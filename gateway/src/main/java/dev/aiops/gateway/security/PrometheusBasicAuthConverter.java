package dev.aiops.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bearer tokens everywhere, and on the Prometheus-compatible API ({@code /prometheus/**}) only, also HTTP
 * basic auth whose password is a platform token: promtool and Grafana-style basic-auth data sources cannot
 * send a bearer header. The user name is ignored; the password is validated exactly like a bearer token.
 */
class PrometheusBasicAuthConverter implements ServerAuthenticationConverter {

    static final String PROMETHEUS_API = "/prometheus/";

    private final ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6) && path.startsWith(PROMETHEUS_API)) {
            String password = basicPassword(header.substring(6).trim());
            return password == null ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(password));
        }
        return bearer.convert(exchange);
    }

    private static String basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            return password.isBlank() ? null : password;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
