package dev.aiops.gateway.security;

import dev.aiops.platform.security.GatewayAccessRules;
import dev.aiops.platform.security.GatewayAccessRules.Access;
import dev.aiops.platform.security.Roles;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Applies {@link GatewayAccessRules}, the platform's one table of who may call what (shared with the
 * services' contract tests, which check their own rules against it).
 */
final class AccessPolicy implements ReactiveAuthorizationManager<AuthorizationContext> {

    static Access required(HttpMethod method, String path) {
        return GatewayAccessRules.required(method, path);
    }

    /** The roles a set of granted authorities amounts to, with the hierarchy applied. */
    static Set<String> roles(Authentication authentication) {
        Set<String> direct = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith("ROLE_"))
                .map(authority -> authority.substring(5).toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return Roles.withImplied(direct);
    }

    static boolean allows(Access access, Set<String> roles) {
        return switch (access) {
            case PUBLIC -> true;
            case VIEWER -> roles.contains(Roles.VIEWER);
            case OPERATOR -> roles.contains(Roles.OPERATOR);
            case ADMIN -> roles.contains(Roles.ADMIN);
            case DENY -> false;
        };
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        var request = context.getExchange().getRequest();
        Access access = required(
                request.getMethod(), request.getPath().pathWithinApplication().value());
        if (access == Access.PUBLIC) {
            return Mono.just(new AuthorizationDecision(true));
        }
        return authentication
                .filter(Authentication::isAuthenticated)
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(allows(access, roles(auth))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
