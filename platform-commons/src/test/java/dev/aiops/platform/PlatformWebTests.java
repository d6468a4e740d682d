package dev.aiops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.config.ServiceEndpointsProperties;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.StreamSubscription;
import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.SecurityProperties;
import dev.aiops.platform.security.ServiceTokenProvider;
import dev.aiops.platform.web.ServiceClients;
import dev.aiops.testkit.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PlatformWebTests {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DevTokenIssuer tokens;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RestClient.Builder restClients;

    @Autowired
    ServiceTokenProvider serviceTokens;

    String token(String... roles) {
        return tokens.issue("alice", Set.of(roles)).accessToken();
    }

    HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(body.hasNonNull("code")).isTrue();
        assertThat(body.hasNonNull("timestamp")).isTrue();
        assertThat(body.has("trace_id")).isTrue();
        return body;
    }

    @Nested
    class Security {

        @Test
        void shouldReturnProblem401WhenNoToken() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/widgets/missing", null, null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(problem(response).get("code").asText()).isEqualTo("UNAUTHORIZED");
        }

        @Test
        void shouldReturnProblem401WhenTokenIsForged() throws Exception {
            // Same issuer and claims, signed with a key the service does not trust.
            var attacker = new SecurityProperties(
                    true, "an-attacker-secret-that-is-long-enough", "aiops-dev", Duration.ofHours(1), "roles", null);
            String forged = new DevTokenIssuer(attacker)
                    .issue("mallory", Set.of("admin"))
                    .accessToken();
            HttpResponse<String> response = send("GET", "/api/v1/widgets/missing", forged, null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(problem(response).get("code").asText()).isEqualTo("UNAUTHORIZED");
        }

        @Test
        void shouldReturnProblem403WhenViewerCallsOperatorEndpoint() throws Exception {
            HttpResponse<String> response = send("POST", "/api/v1/widgets/w1", token("viewer"), null);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(problem(response).get("code").asText()).isEqualTo("FORBIDDEN");
        }

        @Test
        void shouldLetAdminActAsOperatorThroughTheRoleHierarchy() throws Exception {
            HttpResponse<String> response = send("POST", "/api/v1/widgets/w-admin", token("admin"), null);
            assertThat(response.statusCode()).isEqualTo(201);
        }

        @Test
        void shouldKeepInternalEndpointsClosedToUsersWhateverTheirRole() throws Exception {
            assertThat(send("GET", "/internal/v1/ping", token("admin"), null).statusCode())
                    .isEqualTo(403);
            assertThat(send("GET", "/internal/v1/ping", serviceTokens.token(), null)
                            .statusCode())
                    .isEqualTo(200);
        }

        @Test
        void shouldCallAnotherServiceAsItselfThroughServiceClients() {
            var endpoints = new ServiceEndpointsProperties(
                    Map.of("self", new ServiceEndpointsProperties.Endpoint(URI.create("http://localhost:" + port))));
            RestClient client = new ServiceClients(restClients, endpoints, serviceTokens)
                    .forService("self", Duration.ofSeconds(2), Duration.ofSeconds(5));

            String body = client.get().uri("/internal/v1/ping").retrieve().body(String.class);

            assertThat(body).contains("\"pong\":\"yes\"");
        }

        @Test
        void shouldServeHealthAndApiDocsWithoutToken() throws Exception {
            HttpResponse<String> health = send("GET", "/actuator/health/liveness", null, null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
            HttpResponse<String> docs = send("GET", "/v3/api-docs", null, null);
            assertThat(docs.statusCode()).isEqualTo(200);
            assertThat(json.readTree(docs.body())
                            .at("/components/securitySchemes/bearer/scheme")
                            .asText())
                    .isEqualTo("bearer");
        }

        @Test
        void shouldDocumentRequestsWithTheNamesClientsSend() throws Exception {
            var docs = json.readTree(send("GET", "/v3/api-docs", null, null).body());
            var schemas = docs.at("/components/schemas");

            // snake_case records by their JSON names (springdoc alone reads only Jackson 2 annotations)
            assertThat(schemas.at("/ClusterCreateRequest/properties").propertyNames())
                    .contains("api_server_url", "display_name")
                    .doesNotContain("apiServerUrl", "displayName");
            // a standard dialect keeps its own names
            assertThat(schemas.at("/AlertmanagerWebhook/properties").propertyNames())
                    .contains("groupKey");
            // PageQuery as the two query parameters the resolver reads, with their bounds
            var parameters = docs.at("/paths/~1api~1v1~1widgets/get/parameters");
            java.util.List<String> names = new java.util.ArrayList<>();
            parameters.forEach(p -> names.add(p.get("name").asText()));
            assertThat(names).contains("page", "page_size").doesNotContain("paging");
            parameters.forEach(p -> {
                if (p.get("name").asText().equals("page_size")) {
                    assertThat(p.at("/schema/maximum").asInt()).isEqualTo(100);
                    assertThat(p.at("/schema/minimum").asInt()).isEqualTo(1);
                }
            });
        }
    }

    @Nested
    class Errors {

        @Test
        void shouldNameSnakeCaseFieldsWhenValidationFails() throws Exception {
            String body = "{\"name\":\"Bad_Name\",\"api_server_url\":\"ftp://x\",\"platform\":\"OPENSHIFT\","
                    + "\"endpoints\":{\"prometheus_url\":\"file:///etc/passwd\"}}";
            HttpResponse<String> response = send("POST", "/api/v1/clusters-echo", token("viewer"), body);
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode problem = problem(response);
            assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(problem.get("errors").findValuesAsString("field"))
                    .containsExactlyInAnyOrder("api_server_url", "endpoints.prometheus_url", "name");
        }

        @Test
        void shouldNameMapEntriesByTheirKeyVerbatimWhenValidationFails() throws Exception {
            String body =
                    "{\"name\":\"edge-1\",\"api_server_url\":\"https://api.edge1:6443\",\"platform\":\"OPENSHIFT\","
                            + "\"labels\":{\"topology.kubernetes.io/Zone\":\"" + "x".repeat(64) + "\"}}";
            HttpResponse<String> response = send("POST", "/api/v1/clusters-echo", token("viewer"), body);
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode problem = problem(response);
            assertThat(problem.get("errors").findValuesAsString("field"))
                    .containsExactly("labels.topology.kubernetes.io/Zone");
        }

        @Test
        void shouldRejectUnknownFieldsNamingThem() throws Exception {
            String body =
                    "{\"name\":\"edge-1\",\"api_server_url\":\"https://api.edge1:6443\",\"platform\":\"OPENSHIFT\",\"is_admin\":true}";
            HttpResponse<String> response = send("POST", "/api/v1/clusters-echo", token("viewer"), body);
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode problem = problem(response);
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("is_admin");
            assertThat(problem.at("/errors/0/message").asText()).isEqualTo("unknown field");
        }

        @Test
        void shouldListAcceptedValuesWhenEnumIsWrong() throws Exception {
            String body =
                    "{\"name\":\"edge-1\",\"api_server_url\":\"https://api.edge1:6443\",\"platform\":\"WINDOWS\"}";
            JsonNode problem = problem(send("POST", "/api/v1/clusters-echo", token("viewer"), body));
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("platform");
            assertThat(problem.at("/errors/0/message").asText()).contains("OPENSHIFT");
        }

        @Test
        void shouldSayRequiredWhenAPrimitiveIsMissing() throws Exception {
            String body = "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[]}";
            JsonNode problem = problem(send("POST", "/api/v1/alertmanager-echo", token("viewer"), body));
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("truncatedAlerts");
            assertThat(problem.at("/errors/0/message").asText()).isEqualTo("is required");
        }

        @Test
        void shouldReturnMalformedRequestWhenBodyIsNotJson() throws Exception {
            HttpResponse<String> response = send("POST", "/api/v1/clusters-echo", token("viewer"), "{not json");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(problem(response).get("code").asText()).isEqualTo("MALFORMED_REQUEST");
        }

        @Test
        void shouldReturn413WhenBodyExceedsLimit() throws Exception {
            String body = "{\"name\":\"" + "a".repeat(4096) + "\"}";
            HttpResponse<String> response = send("POST", "/api/v1/clusters-echo", token("viewer"), body);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(problem(response).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        }

        @Test
        void shouldBindPagingWithDefaults() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/widgets?page_size=5", token("viewer"), null);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = json.readTree(response.body());
            assertThat(page.get("page").asInt()).isEqualTo(1);
            assertThat(page.get("page_size").asInt()).isEqualTo(5);
            assertThat(page.get("total_pages").asInt()).isEqualTo(1);
        }

        @Test
        void shouldNamePagingParametersAsSentWhenTheyAreInvalid() throws Exception {
            JsonNode problem = problem(send("GET", "/api/v1/widgets?page=0&page_size=abc", token("viewer"), null));
            assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("page", "page_size");
        }

        @Test
        void shouldNameQueryParameterAsSentWhenItHasTheWrongType() throws Exception {
            JsonNode problem = problem(send("GET", "/api/v1/widgets?cluster_type=MOON", token("viewer"), null));
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("cluster_type");
            assertThat(problem.at("/errors/0/message").asText()).contains("FAR_EDGE");
        }

        @Test
        void shouldReturnApiExceptionAsProblem() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/widgets/missing", token("viewer"), null);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(problem(response).get("detail").asText()).isEqualTo("Widget not found");
        }

        @Test
        void shouldHideInternalsWhenUnexpectedErrorHappens() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/widgets/boom", token("viewer"), null);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(problem(response).get("code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        }

        @Test
        void shouldAnswer503WhenTheDatabaseCannotBeReached() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/widgets/database-away", token("viewer"), null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(problem(response).get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(response.body())
                    .doesNotContain("db-secret-host")
                    .doesNotContain("HikariPool")
                    .doesNotContain("Exception");
        }

        @Test
        void shouldAnswer503WhenARollbackFailsOnAConnectionThePoolClosed() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/widgets/connection-lost", token("viewer"), null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(problem(response).get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        }

        @Test
        void shouldReturnProblem404WhenNoRouteMatches() throws Exception {
            HttpResponse<String> response = send("GET", "/api/v1/nothing-here", token("viewer"), null);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(problem(response).get("code").asText()).isEqualTo("NOT_FOUND");
        }

        @Test
        void shouldContinueTheCallersW3cTraceInTheProblem() throws Exception {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/widgets/missing"))
                            .header("Authorization", "Bearer " + token("viewer"))
                            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(problem(response).get("trace_id").asText()).isEqualTo(traceId);
        }

        @Test
        void shouldEchoSafeRequestIdAndReplaceUnsafeOne() throws Exception {
            HttpRequest.Builder base =
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"));
            HttpResponse<String> kept =
                    http.send(base.header("X-Request-ID", "abc-123").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(kept.headers().firstValue("X-Request-ID")).hasValue("abc-123");
            HttpResponse<String> replaced = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                            .header("X-Request-ID", "bad\tid")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(replaced.headers().firstValue("X-Request-ID"))
                    .hasValueSatisfying(id -> assertThat(id).hasSize(36));
        }
    }

    /**
     * What each request and Redis command costs in observations: the request is timed and traced, the
     * security filters and Redis commands under it are not.
     */
    @Nested
    class Observations {

        @Autowired
        MeterRegistry meters;

        @Autowired
        StringRedisTemplate redis;

        @Test
        void shouldTimeTheRequestButNotEachSecurityFilterOrRedisCommand() throws Exception {
            assertThat(send("POST", "/api/v1/widgets/observed", token("operator"), null)
                            .statusCode())
                    .isEqualTo(201);
            redis.opsForValue().set("aiops:test:observed", "1");

            assertThat(meters.find("http.server.requests")
                            .tag("uri", "/api/v1/widgets/{name}")
                            .timers())
                    .as("the request itself is observed")
                    .isNotEmpty();
            assertThat(meters.getMeters())
                    .extracting(meter -> meter.getId().getName())
                    .noneMatch(name -> name.startsWith("spring.security."))
                    .noneMatch(name -> name.startsWith("lettuce."));
        }
    }

    @Nested
    class TransactionalOutbox {

        @Test
        void shouldWriteTheEventWithTheChangeAndNeitherOnRollback() throws Exception {
            assertThat(send("POST", "/api/v1/widgets/kept", token("operator"), null)
                            .statusCode())
                    .isEqualTo(201);
            assertThat(send("POST", "/api/v1/widgets/dropped/fail-after-write", token("operator"), null)
                            .statusCode())
                    .isEqualTo(500);

            assertThat(jdbc.queryForList("select name from widget where name in ('kept', 'dropped')", String.class))
                    .containsExactly("kept");
            assertThat(jdbc.queryForList(
                            "select envelope from outbox_event where envelope like '%kept%' or envelope like '%dropped%'",
                            String.class))
                    .singleElement()
                    .satisfies(envelope ->
                            assertThat(envelope).contains("\"name\":\"kept\"").doesNotContain("dropped"));
        }
    }

    @Nested
    class TraceContextAcrossEvents {

        @Autowired
        EventStreams streams;

        @Autowired
        Tracer tracer;

        @Test
        void shouldContinueTheRequestsTraceInTheConsumerOfItsOutboxEvent() throws Exception {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            Map<String, String> seen = new ConcurrentHashMap<>();
            StreamSubscription consumer = streams.subscribe(
                    EventDomain.CLUSTER,
                    "trace-test-" + UUID.randomUUID(),
                    event -> seen.put(
                            event.payload().path("name").asString(),
                            tracer.currentSpan().context().traceId()));
            consumer.start();
            try {
                HttpResponse<String> created = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/widgets/traced"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .header("Authorization", "Bearer " + token("operator"))
                                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(201);

                // stored beside the envelope, which stays as the contract defines it
                assertThat(jdbc.queryForObject(
                                "select trace_context from outbox_event where envelope like '%\"traced\"%'",
                                String.class))
                        .contains("\"traceparent\":\"00-" + traceId + "-");
                assertThat(jdbc.queryForObject(
                                "select envelope from outbox_event where envelope like '%\"traced\"%'", String.class))
                        .doesNotContain(traceId);
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.containsKey("traced"));
                assertThat(seen).containsEntry("traced", traceId);
            } finally {
                consumer.stop();
            }
        }

        @Test
        void shouldStartANewTraceForAnEventPublishedOutsideAnySpan() throws Exception {
            Map<String, String> seen = new ConcurrentHashMap<>();
            StreamSubscription consumer = streams.subscribe(
                    EventDomain.CLUSTER,
                    "trace-test-" + UUID.randomUUID(),
                    event -> seen.put(
                            event.payload().path("name").asString(),
                            tracer.currentSpan().context().traceId()));
            consumer.start();
            try {
                bus.append(EventEnvelope.of(
                        EventType.CLUSTER_UPDATED, "test", UUID.randomUUID(), Map.of("name", "untraced")));
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.containsKey("untraced"));
                assertThat(seen.get("untraced")).hasSize(32).isNotEqualTo("00000000000000000000000000000000");
            } finally {
                consumer.stop();
            }
        }

        @Autowired
        EventBus bus;
    }
}
