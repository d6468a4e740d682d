package dev.aiops.gateway.security;

import dev.aiops.platform.security.Roles;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Who may call what through the gateway, in one table read top to bottom (first match wins). Reads
 * ({@code resource:read}) need viewer, writes ({@code resource:write}) operator, and the destructive or
 * policy-changing writes admin; the services check again with the same token.
 */
final class AccessPolicy implements ReactiveAuthorizationManager<AuthorizationContext> {

    enum Access {
        /** No token needed. */
        PUBLIC,
        VIEWER,
        OPERATOR,
        ADMIN,
        /** Nobody from outside: service-to-service and management endpoints of the backends. */
        DENY
    }

    record Rule(Set<HttpMethod> methods, PathPattern path, Access access) {

        boolean matches(HttpMethod method, PathContainer path) {
            return (methods.isEmpty() || methods.contains(method)) && this.path.matches(path);
        }
    }

    private static final Set<HttpMethod> ANY = Set.of();
    private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Set<HttpMethod> WRITE =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    static final List<Rule> RULES = List.of(
            // probes and metrics scraping
            rule(READ, "/actuator/health/**", Access.PUBLIC),
            rule(READ, "/actuator/info", Access.PUBLIC),
            rule(READ, "/actuator/prometheus", Access.PUBLIC),
            rule(ANY, "/actuator/**", Access.DENY),
            rule(ANY, "/internal/**", Access.DENY),
            // API docs of the gateway and, through it, of every service
            rule(READ, "/v3/api-docs/**", Access.PUBLIC),
            rule(READ, "/swagger-ui.html", Access.PUBLIC),
            rule(READ, "/swagger-ui/**", Access.PUBLIC),
            rule(READ, "/webjars/**", Access.PUBLIC),
            // the dashboard's static files
            rule(READ, "/", Access.PUBLIC),
            rule(READ, "/index.html", Access.PUBLIC),
            rule(READ, "/favicon.ico", Access.PUBLIC),
            rule(READ, "/assets/**", Access.PUBLIC),
            // dev sign-in: the endpoint only exists in dev mode, so with dev mode off this is a 404
            rule(Set.of(HttpMethod.POST), "/auth/dev-token", Access.PUBLIC),
            // browsers cannot send headers on a WebSocket upgrade: realtime-streaming authenticates the
            // first message ({type:"auth", token}) and closes the socket otherwise
            rule(READ, "/ws", Access.PUBLIC),
            // removing a cluster's credentials is an operator's job, as in the registry's own rule (it is
            // undone by putting new ones); removing the cluster itself is not
            rule(Set.of(HttpMethod.DELETE), "/api/v1/clusters/*/credentials", Access.OPERATOR),
            // admin-only writes
            rule(Set.of(HttpMethod.DELETE), "/api/v1/clusters/**", Access.ADMIN),
            rule(Set.of(HttpMethod.POST), "/api/v1/streaming/broadcast", Access.ADMIN),
            rule(WRITE, "/api/v1/personas/**", Access.ADMIN),
            rule(WRITE, "/api/v1/rules/**", Access.ADMIN),
            // everything else
            rule(WRITE, "/**", Access.OPERATOR),
            rule(ANY, "/**", Access.VIEWER));

    private static Rule rule(Set<HttpMethod> methods, String pattern, Access access) {
        return new Rule(methods, PathPatternParser.defaultInstance.parse(pattern), access);
    }

    static Access required(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return RULES.stream()
                .filter(rule -> rule.matches(method, container))
                .findFirst()
                .map(Rule::access)
                .orElse(Access.DENY);
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
