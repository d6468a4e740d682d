package dev.aiops.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.platform.security.GatewayAccessRules;
import dev.aiops.platform.security.GatewayAccessRules.Access;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

class AccessPolicyTests {

    @Nested
    class RequiredAccess {

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @CsvSource({
            // open
            "GET,    /actuator/health,                        PUBLIC",
            "GET,    /actuator/health/readiness,              PUBLIC",
            "GET,    /actuator/info,                          PUBLIC",
            "GET,    /actuator/prometheus,                    PUBLIC",
            "GET,    /v3/api-docs,                            PUBLIC",
            "GET,    /v3/api-docs/cluster-registry,           PUBLIC",
            "GET,    /swagger-ui.html,                        PUBLIC",
            "GET,    /swagger-ui/index.html,                  PUBLIC",
            "GET,    /,                                       PUBLIC",
            "GET,    /index.html,                             PUBLIC",
            "GET,    /assets/app.js,                          PUBLIC",
            "POST,   /auth/dev-token,                         PUBLIC",
            "GET,    /ws,                                     PUBLIC",
            "POST,   /eventListener/v7,                       PUBLIC",
            "POST,   /eventListener/v7/eventBatch,            PUBLIC",
            "GET,    /eventListener/v7,                       VIEWER",
            "POST,   /api/v1/fcaps/events,                    OPERATOR",
            // closed to everybody from outside
            "GET,    /actuator/env,                           DENY",
            "POST,   /actuator/shutdown,                      DENY",
            "GET,    /internal/credentials,                   DENY",
            // reads
            "GET,    /api/v1/clusters,                        VIEWER",
            "HEAD,   /api/v1/clusters/c1,                     VIEWER",
            "GET,    /health/detailed,                        VIEWER",
            "GET,    /auth/dev-token,                         VIEWER",
            "GET,    /api/v1/personas,                        VIEWER",
            // Prometheus clients send their reads as form POSTs
            "POST,   /prometheus/api/v1/query,                VIEWER",
            "POST,   /prometheus/api/v1/series,               VIEWER",
            // writes
            "POST,   /api/v1/clusters,                        OPERATOR",
            "PUT,    /api/v1/clusters/c1,                     OPERATOR",
            "PATCH,  /tmf-api/intentManagement/v5/intent/i1,  OPERATOR",
            // hub subscriptions show their listeners' callback URLs: operator data, also to read
            "GET,    /tmf-api/intentManagement/v5/hub/h1,     OPERATOR",
            "HEAD,   /tmf-api/intentManagement/v5/hub/h1,     OPERATOR",
            "GET,    /tmf-api/intent/v4/hub/h1,               OPERATOR",
            "GET,    /tmf-api/intent/v4/hub,                  OPERATOR",
            "DELETE, /tmf-api/intent/v4/hub/h1,               OPERATOR",
            "GET,    /tmf-api/intentManagement/v5/intent/i1,  VIEWER",
            "GET,    /tmf-api/intent/v4/intent,               VIEWER",
            // a viewer chats in its own sessions and uses MCP; the tools check roles with the caller's token
            "DELETE, /api/v1/chat/sessions/s1,                VIEWER",
            "POST,   /api/v1/chat/sessions/s1/messages,       VIEWER",
            "POST,   /mcp,                                    VIEWER",
            // PromQL reads travel as POST
            "POST,   /api/v1/metrics/query,                   VIEWER",
            "POST,   /api/v1/metrics/query_range,             VIEWER",
            "POST,   /api/v1/metrics/other,                   OPERATOR",
            // admin writes
            "DELETE, /api/v1/clusters/c1,                     ADMIN",
            "DELETE, /api/v1/clusters/c1/credentials,         OPERATOR",
            "POST,   /api/v1/streaming/broadcast,             ADMIN",
            "POST,   /api/v1/personas,                        ADMIN",
            "PUT,    /api/v1/personas/gpu-expert,             ADMIN",
            "DELETE, /api/v1/rules/r1,                        ADMIN",
            "POST,   /api/v1/rules,                           ADMIN"
        })
        void shouldRequireAccessWhenMethodAndPathMatch(String method, String path, Access expected) {
            assertThat(AccessPolicy.required(HttpMethod.valueOf(method), path)).isEqualTo(expected);
        }
    }

    @Nested
    class RoleHierarchy {

        @ParameterizedTest(name = "{0} with {1} -> {2}")
        @CsvSource({
            "VIEWER,   viewer,   true",
            "VIEWER,   operator, true",
            "VIEWER,   admin,    true",
            "OPERATOR, viewer,   false",
            "OPERATOR, operator, true",
            "OPERATOR, admin,    true",
            "ADMIN,    operator, false",
            "ADMIN,    admin,    true",
            "VIEWER,   service,  false",
            "DENY,     admin,    false"
        })
        void shouldGrantWhenRoleImpliesRequiredAccess(Access access, String role, boolean granted) {
            Authentication user = new TestingAuthenticationToken("u", "n/a", "ROLE_" + role.toUpperCase());
            assertThat(AccessPolicy.allows(access, AccessPolicy.roles(user))).isEqualTo(granted);
        }
    }

    @Nested
    class Decisions {

        private final AccessPolicy policy = new AccessPolicy();

        @Test
        void shouldGrantPublicPathWhenNobodyIsSignedIn() {
            assertThat(decide(HttpMethod.GET, "/actuator/health", Mono.empty())).isTrue();
        }

        @Test
        void shouldDenyApiWhenNobodyIsSignedIn() {
            assertThat(decide(HttpMethod.GET, "/api/v1/clusters", Mono.empty())).isFalse();
        }

        @Test
        void shouldDenyWriteWhenSignedInAsViewer() {
            assertThat(decide(HttpMethod.POST, "/api/v1/intents", Mono.just(user("viewer"))))
                    .isFalse();
            assertThat(decide(HttpMethod.POST, "/api/v1/intents", Mono.just(user("operator"))))
                    .isTrue();
        }

        @Test
        void shouldDenyAViewerReadingHubSubscriptionsButNotIntents() {
            for (String hub : List.of("/tmf-api/intentManagement/v5/hub/h1", "/tmf-api/intent/v4/hub/h1")) {
                assertThat(decide(HttpMethod.GET, hub, Mono.just(user("viewer"))))
                        .as(hub)
                        .isFalse();
                assertThat(decide(HttpMethod.GET, hub, Mono.just(user("operator"))))
                        .as(hub)
                        .isTrue();
            }
            assertThat(decide(HttpMethod.GET, "/tmf-api/intentManagement/v5/intent/i1", Mono.just(user("viewer"))))
                    .isTrue();
        }

        private boolean decide(HttpMethod method, String path, Mono<Authentication> authentication) {
            var exchange = MockServerWebExchange.from(
                    MockServerHttpRequest.method(method, path).build());
            return policy.authorize(authentication, new AuthorizationContext(exchange))
                    .map(AuthorizationResult::isGranted)
                    .block();
        }

        private Authentication user(String role) {
            TestingAuthenticationToken token =
                    new TestingAuthenticationToken("u", "n/a", List.of(() -> "ROLE_" + role.toUpperCase()));
            token.setAuthenticated(true);
            return token;
        }
    }

    @Test
    void shouldEndWithCatchAllsSoNoPathIsUncovered() {
        List<GatewayAccessRules.Rule> rules = GatewayAccessRules.RULES;
        assertThat(rules.get(rules.size() - 1).access()).isEqualTo(Access.VIEWER);
        assertThat(rules.get(rules.size() - 2).methods())
                .isEqualTo(Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE));
    }
}
