package dev.aiops.gateway.security;

import dev.aiops.gateway.error.ProblemResponses;
import dev.aiops.gateway.ratelimit.UnauthenticatedThrottle;
import dev.aiops.model.error.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401, 403 and firewall rejections as problem+json; the reactive twin of platform-commons'
 * ProblemSecurityHandlers, with the {@code WWW-Authenticate} values RFC 6750 asks for.
 */
final class ProblemAuthHandlers
        implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

    private final ProblemResponses problems;
    private final UnauthenticatedThrottle throttle;

    ProblemAuthHandlers(ProblemResponses problems, UnauthenticatedThrottle throttle) {
        this.problems = problems;
        this.throttle = throttle;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (throttle == null) {
            return unauthorized(exchange, ex);
        }
        return throttle.allow(exchange)
                .flatMap(allowed -> allowed
                        ? unauthorized(exchange, ex)
                        : problems.write(
                                exchange,
                                ErrorCode.RATE_LIMITED,
                                "Too many unauthenticated requests from this address; retry after the time in"
                                        + " Retry-After"));
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException ex) {
        boolean invalidToken = ex instanceof InvalidBearerTokenException;
        exchange.getResponse()
                .getHeaders()
                .set(HttpHeaders.WWW_AUTHENTICATE, invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        return problems.write(
                exchange,
                ErrorCode.UNAUTHORIZED,
                invalidToken ? "The bearer token is invalid or expired" : "A bearer token is required");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException ex) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return problems.write(exchange, ErrorCode.FORBIDDEN, "You do not have permission for this operation");
    }

    /** Paths with {@code ..}, encoded slashes and the like, which a service might resolve differently. */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
        return problems.write(exchange, ErrorCode.MALFORMED_REQUEST, "The request URL is not allowed");
    }
}
