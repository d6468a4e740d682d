package dev.aiops.platform.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what through the gateway, in one table read top to bottom (first match wins). Reads
 * ({@code resource:read}) need viewer, writes ({@code resource:write}) operator, and the destructive or
 * policy-changing writes admin; the services check again with the same token.
 *
 * <p>It lives here, not in the gateway, so that every service's contract test (platform-test's
 * {@code PlatformContractTests}) can check its own {@code @PreAuthorize} rules against it endpoint by
 * endpoint: the gateway and the service must ask for the same role, or a caller is refused at one door
 * and let through at the other.
 */
public final class GatewayAccessRules {

    public enum Access {
        /** No token needed. */
        PUBLIC,
        VIEWER,
        OPERATOR,
        ADMIN,
        /** Nobody from outside: service-to-service and management endpoints of the backends. */
        DENY
    }

    /** One line of the table: these methods (none = any) on paths matching {@code path} need {@code access}. */
    public record Rule(Set<HttpMethod> methods, PathPattern path, Access access) {

        public boolean matches(HttpMethod method, PathContainer path) {
            return (methods.isEmpty() || methods.contains(method)) && this.path.matches(path);
        }
    }

    /**
     * The web console's client-side routes: a browser opening (or reloading) one of these gets the console's
     * index.html, whose router shows the page; the data behind it still needs a token.
     */
    public static final List<String> CONSOLE_ROUTES = List.of(
            "/fleet",
            "/clusters",
            "/clusters/{id}",
            "/metrics",
            "/alerts",
            "/assistant",
            "/intents",
            "/intents/{id}",
            "/packages",
            "/rules",
            "/settings",
            "/auth/callback");

    private static final Set<HttpMethod> ANY = Set.of();
    private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Set<HttpMethod> WRITE =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    public static final List<Rule> RULES = Stream.of(
                    List.of(
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
                            rule(READ, "/assets/**", Access.PUBLIC)),
                    // ... and the console's own routes, which serve index.html
                    CONSOLE_ROUTES.stream()
                            .map(route -> rule(READ, route, Access.PUBLIC))
                            .toList(),
                    List.of(
                            // dev sign-in: the endpoint only exists in dev mode, so with dev mode off this is a 404
                            rule(Set.of(HttpMethod.POST), "/auth/dev-token", Access.PUBLIC),
                            // how the console may sign a user in, read before anyone is
                            rule(READ, "/auth/config", Access.PUBLIC),
                            // browsers cannot send headers on a WebSocket upgrade: realtime-streaming authenticates the
                            // first message ({type:"auth", token}) and closes the socket otherwise
                            rule(READ, "/ws", Access.PUBLIC),
                            // VES agents send events with HTTP basic auth (as ONAP's collector expects), which is no
                            // platform
                            // token: the collector authenticates them itself (aiops.collector.ves.auth; basic and/or
                            // bearer)
                            rule(Set.of(HttpMethod.POST), "/eventListener/v7", Access.PUBLIC),
                            rule(Set.of(HttpMethod.POST), "/eventListener/v7/eventBatch", Access.PUBLIC),
                            // Alertmanager posts with the cluster's own webhook credentials (basic or bearer), which
                            // are no platform token: the collector authenticates every call itself
                            // (aiops.collector.alerts.webhook), a platform token included
                            rule(Set.of(HttpMethod.POST), "/api/v1/alerts/webhook", Access.PUBLIC),
                            // removing a cluster's credentials is an operator's job, as in the registry's own rule (it
                            // is
                            // undone by putting new ones); removing the cluster itself is not
                            rule(Set.of(HttpMethod.DELETE), "/api/v1/clusters/*/credentials", Access.OPERATOR),
                            // TMF921 hub subscriptions carry their listeners' callback URLs, which are operator data
                            // (where an operator's systems listen, sometimes with a token in the query): reading them
                            // needs operator, as registering them does, unlike every other TMF921 GET
                            rule(READ, "/tmf-api/intentManagement/v5/hub/**", Access.OPERATOR),
                            rule(READ, "/tmf-api/intent/v4/hub/**", Access.OPERATOR),
                            // admin-only writes
                            rule(Set.of(HttpMethod.DELETE), "/api/v1/clusters/**", Access.ADMIN),
                            rule(Set.of(HttpMethod.POST), "/api/v1/streaming/broadcast", Access.ADMIN),
                            rule(WRITE, "/api/v1/personas/**", Access.ADMIN),
                            rule(WRITE, "/api/v1/rules/**", Access.ADMIN),
                            // everything else
                            // PromQL reads travel as POST (bodies too long for a URL); Prometheus clients (Grafana,
                            // promtool)
                            // send form-encoded POSTs to the compatible API
                            rule(Set.of(HttpMethod.POST), "/api/v1/metrics/query", Access.VIEWER),
                            rule(Set.of(HttpMethod.POST), "/api/v1/metrics/query_range", Access.VIEWER),
                            rule(Set.of(HttpMethod.POST), "/prometheus/api/v1/**", Access.VIEWER),
                            // a viewer may chat (its own sessions) and use the MCP server; what the assistant's tools
                            // may do
                            // is decided per tool with the caller's own token (create_intent needs operator)
                            rule(WRITE, "/api/v1/chat/**", Access.VIEWER),
                            rule(ANY, "/mcp", Access.VIEWER),
                            rule(ANY, "/mcp/**", Access.VIEWER),
                            rule(WRITE, "/**", Access.OPERATOR),
                            rule(ANY, "/**", Access.VIEWER)))
            .flatMap(List::stream)
            .toList();

    private static Rule rule(Set<HttpMethod> methods, String pattern, Access access) {
        return new Rule(methods, PathPatternParser.defaultInstance.parse(pattern), access);
    }

    /** The access {@code method} on {@code path} needs at the gateway; deny when nothing matches. */
    public static Access required(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return RULES.stream()
                .filter(rule -> rule.matches(method, container))
                .findFirst()
                .map(Rule::access)
                .orElse(Access.DENY);
    }

    private GatewayAccessRules() {}
}
