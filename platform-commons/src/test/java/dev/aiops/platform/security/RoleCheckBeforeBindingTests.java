package dev.aiops.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.testkit.RealInfrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small MVC app with platform-commons' auto-configuration: a caller without the role learns nothing of the
 * body's rules (403 whatever the body), a caller with it gets the 400 naming the field, and a rule that reads
 * the method's arguments is still judged by method security with those arguments.
 */
@SpringBootTest(
        classes = RoleCheckBeforeBindingTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RoleCheckBeforeBindingTests {

    static final String VALID = "{\"name\":\"n1\",\"quantity\":2}";
    static final String INVALID_QUANTITY = "{\"name\":\"n1\",\"quantity\":0}";
    static final String MALFORMED = "{\"name\":";

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    Orders orders;

    @Nested
    class WithoutTheRole {

        @Test
        void shouldRefuseAMalformedBodyWith403() throws Exception {
            Answer answer = post("/orders", token(Roles.VIEWER), MALFORMED);

            assertThat(answer.status()).isEqualTo(403);
            assertForbiddenProblem(answer);
        }

        @Test
        void shouldRefuseAnInvalidFieldWith403() throws Exception {
            Answer answer = post("/orders", token(Roles.VIEWER), INVALID_QUANTITY);

            assertThat(answer.status()).isEqualTo(403);
            assertForbiddenProblem(answer);
            assertThat(answer.body()).doesNotContain("quantity");
        }

        @Test
        void shouldRefuseAValidBodyWith403AndNeverCallTheHandler() throws Exception {
            int before = orders.calls();

            Answer answer = post("/orders", token(Roles.VIEWER), VALID);

            assertThat(answer.status()).isEqualTo(403);
            assertForbiddenProblem(answer);
            assertThat(orders.calls()).isEqualTo(before);
        }

        @Test
        void shouldRefuseAMalformedBodyWith403WhenTheRuleIsABeanReference() throws Exception {
            Answer answer = post("/gated", token(Roles.ADMIN), MALFORMED);

            assertThat(answer.status()).isEqualTo(403);
            assertForbiddenProblem(answer);
        }
    }

    @Nested
    class WithTheRole {

        @Test
        void shouldNameTheInvalidFieldIn400() throws Exception {
            Answer answer = post("/orders", token(Roles.OPERATOR), INVALID_QUANTITY);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(fields(answer)).containsExactly("quantity");
        }

        @Test
        void shouldHonourTheRoleHierarchyBeforeBinding() throws Exception {
            Answer answer = post("/orders", token(Roles.ADMIN), INVALID_QUANTITY);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(fields(answer)).containsExactly("quantity");
        }

        @Test
        void shouldAnswer400ForAMalformedBody() throws Exception {
            Answer answer = post("/orders", token(Roles.OPERATOR), MALFORMED);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }

        @Test
        void shouldCallTheHandlerWithAValidBody() throws Exception {
            Answer answer = post("/orders", token(Roles.OPERATOR), VALID);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("n1");
        }

        @Test
        void shouldResolveBeanReferencesInTheRule() throws Exception {
            Answer answer = post("/gated", new ServiceTokenProvider(issuer, null, "test-service").token(), MALFORMED);

            assertThat(answer.status()).isEqualTo(400);
        }
    }

    @Test
    void shouldAnswer401WithoutAToken() throws Exception {
        Answer answer = post("/orders", null, MALFORMED);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(401);
    }

    /** {@code #owner} exists only once the arguments are bound: such a rule stays with method security. */
    @Nested
    class RuleReadingTheArguments {

        @Test
        void shouldBindTheBodyBeforeJudgingTheRule() throws Exception {
            Answer answer = post("/owners/alice/orders", token(Roles.VIEWER), INVALID_QUANTITY);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(fields(answer)).containsExactly("quantity");
        }

        @Test
        void shouldRefuseWhenTheArgumentBreaksTheRule() throws Exception {
            Answer answer = post("/owners/mallory/orders", token(Roles.VIEWER), VALID);

            assertThat(answer.status()).isEqualTo(403);
            assertForbiddenProblem(answer);
        }

        @Test
        void shouldAllowWhenTheArgumentMeetsTheRule() throws Exception {
            Answer answer = post("/owners/alice/orders", token(Roles.VIEWER), VALID);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("alice:n1");
        }
    }

    // ---- the app

    record Order(@NotBlank String name, @Min(1) int quantity) {}

    @RestController
    static class Orders {

        private final AtomicInteger calls = new AtomicInteger();

        /** Public: the controller is a method-security proxy, whose own fields are empty. */
        public int calls() {
            return calls.get();
        }

        @PostMapping("/orders")
        @PreAuthorize("hasRole('OPERATOR')")
        String create(@Valid @RequestBody Order order) {
            calls.incrementAndGet();
            return order.name();
        }

        @PostMapping("/gated")
        @PreAuthorize("@gate.allows(authentication)")
        String gated(@Valid @RequestBody Order order) {
            return order.name();
        }

        @PostMapping("/owners/{owner}/orders")
        @PreAuthorize("hasRole('VIEWER') and #owner == 'alice'")
        String createFor(@PathVariable String owner, @Valid @RequestBody Order order) {
            return owner + ":" + order.name();
        }
    }

    /** A rule in a bean, as the collector's {@code @vesSenders.maySend(authentication)}: service tokens only. */
    static class Gate {

        public boolean allows(Authentication authentication) {
            return authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .anyMatch("ROLE_SERVICE"::equals);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Orders.class, App.GateConfiguration.class})
    static class App {

        static class GateConfiguration {
            @org.springframework.context.annotation.Bean
            Gate gate() {
                return new Gate();
            }
        }
    }

    // ---- calling it

    record Answer(int status, String contentType, String body) {}

    Answer post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    String token(String role) {
        return issuer.issue("test-" + role, Set.of(role)).accessToken();
    }

    static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        JSON.readTree(answer.body())
                .path("errors")
                .forEach(e -> fields.add(e.path("field").asString("")));
        return fields;
    }

    /** The platform's 403, as method security's denial answers it. */
    static void assertForbiddenProblem(Answer answer) {
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("code").asString()).isEqualTo("FORBIDDEN");
    }
}
