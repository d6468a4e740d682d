package dev.aiops.registry.cluster;

import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.outboxEnvelopes;
import static dev.aiops.registry.support.Fixtures.outboxEvents;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static dev.aiops.registry.support.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@RegistryIntegrationTest
class ClusterApiTests {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    UUID register(Map<String, Object> body) {
        Response response = api.as("operator").post("/api/v1/clusters", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }

    @Nested
    class Registration {

        @Test
        void shouldRegisterClusterWithDefaultsWhenMinimalBodyIsSent() {
            String name = uniqueName("reg");
            Response response = api.as("operator").post("/api/v1/clusters", cluster(name));

            assertThat(response.status()).isEqualTo(201);
            JsonNode body = response.body();
            assertThat(body.get("name").asString()).isEqualTo(name);
            assertThat(body.get("cluster_type").asString()).isEqualTo("SPOKE");
            assertThat(body.get("environment").asString()).isEqualTo("DEVELOPMENT");
            assertThat(body.get("status").get("state").asString()).isEqualTo("UNKNOWN");
            assertThat(body.get("has_credentials").asBoolean()).isFalse();
            assertThat(body.get("version").asLong()).isZero();
            assertThat(response.header("ETag")).isEqualTo("\"0\"");
            assertThat(response.header("Location"))
                    .endsWith("/api/v1/clusters/" + body.get("id").asString());
        }

        @Test
        void shouldRecordRegisteredEventInOutboxWhenClusterIsCreated() {
            UUID id = register(cluster(uniqueName("evt")));

            assertThat(outboxEvents(jdbc, id)).contains("CLUSTER_REGISTERED");
            String envelope = outboxEnvelopes(jdbc, id, "CLUSTER_REGISTERED").get(0);
            JsonNode json = api.json().readTree(envelope);
            assertThat(json.get("cluster_id").asString()).isEqualTo(id.toString());
            assertThat(json.get("payload").get("cluster").get("id").asString()).isEqualTo(id.toString());
        }

        @Test
        void shouldPublishRegisteredEventOnTheClusterStreamAfterCommit() {
            UUID id = register(cluster(uniqueName("stream")));
            String eventId = api.json()
                    .readTree(outboxEnvelopes(jdbc, id, "CLUSTER_REGISTERED").get(0))
                    .get("event_id")
                    .asString();

            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> redis
                            .opsForStream()
                            .range("aiops:stream:cluster", org.springframework.data.domain.Range.unbounded())
                            .stream()
                            .anyMatch(r -> eventId.equals(r.getValue().get("event_id"))));
            assertThat(jdbc.queryForObject(
                            "select published_at is not null from outbox_event where event_id = ?::uuid",
                            Boolean.class,
                            eventId))
                    .isTrue();
        }

        @Test
        void shouldRejectDuplicateNameWhenClusterExists() {
            String name = uniqueName("dup");
            register(cluster(name));

            Response second = api.as("operator").post("/api/v1/clusters", cluster(name));

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.body().get("code").asString()).isEqualTo("CLUSTER_ALREADY_EXISTS");
        }

        @Test
        void shouldLetExactlyOneWinWhenSameNameIsRegisteredConcurrently() throws Exception {
            String name = uniqueName("race");
            String token = api.token("operator");
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    calls.add(() -> api.withToken(token)
                            .post("/api/v1/clusters", cluster(name))
                            .status());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
                assertThat(statuses).containsOnly(201, 409);
                assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(jdbc.queryForObject("select count(*) from cluster where name = ?", Long.class, name))
                    .isEqualTo(1);
        }

        static Stream<Arguments> invalidNames() {
            return Stream.of(
                    Arguments.of("upper case", "Edge-01"),
                    Arguments.of("too short", "ab"),
                    Arguments.of("leading dash", "-edge"),
                    Arguments.of("trailing dash", "edge-"),
                    Arguments.of("underscore", "edge_01"),
                    Arguments.of("too long", "a".repeat(64)),
                    Arguments.of("blank", "   "));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidNames")
        void shouldAnswerInvalidClusterNameWhenNameIsMalformed(String caseName, String name) {
            Response response = api.as("operator").post("/api/v1/clusters", cluster(name));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().get("code").asString()).isEqualTo("INVALID_CLUSTER_NAME");
            assertThat(fields(response)).contains("name");
        }

        static Stream<Arguments> invalidBodies() {
            Map<String, Object> base = cluster("valid-name");
            return Stream.of(
                    Arguments.of("missing api_server_url", with(base, "api_server_url", null), "api_server_url"),
                    Arguments.of(
                            "ftp api_server_url",
                            with(base, "api_server_url", "ftp://x.example.com"),
                            "api_server_url"),
                    Arguments.of("missing platform", with(base, "platform", null), "platform"),
                    Arguments.of("unknown platform", with(base, "platform", "NOMAD"), "platform"),
                    Arguments.of("unknown cluster_type", with(base, "cluster_type", "MEGA"), "cluster_type"),
                    Arguments.of("display_name too long", with(base, "display_name", "x".repeat(129)), "display_name"),
                    Arguments.of("unknown field", with(base, "colour", "blue"), "colour"),
                    Arguments.of(
                            "metadata api server",
                            with(base, "api_server_url", "http://169.254.169.254/latest"),
                            "api_server_url"),
                    Arguments.of(
                            "link-local v6 api server",
                            with(base, "api_server_url", "https://[fe80::1]:6443"),
                            "api_server_url"),
                    Arguments.of(
                            "metadata host name",
                            with(base, "api_server_url", "http://metadata.google.internal/x"),
                            "api_server_url"),
                    Arguments.of(
                            "link-local prometheus",
                            with(base, "endpoints", Map.of("prometheus_url", "http://169.254.10.10:9090")),
                            "endpoints.prometheus_url"),
                    Arguments.of(
                            "non-http loki",
                            with(base, "endpoints", Map.of("loki_url", "file:///etc/passwd")),
                            "endpoints.loki_url"),
                    Arguments.of(
                            "label value too long",
                            with(base, "labels", Map.of("site", "x".repeat(64))),
                            "labels.site"),
                    Arguments.of(
                            "credentials without token",
                            with(base, "credentials", Map.of("auth_type", "SERVICE_ACCOUNT")),
                            "credentials.secret_present_for_auth_type"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidBodies")
        void shouldNameTheFieldWhenBodyIsInvalid(String caseName, Map<String, Object> body, String field) {
            Response response = api.as("operator").post("/api/v1/clusters", body);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(fields(response)).as(response.toString()).contains(field);
            assertThat(jdbc.queryForObject("select count(*) from cluster where name = 'valid-name'", Long.class))
                    .isZero();
        }

        @Test
        void shouldRejectBodyWhenLargerThanTheLimit() {
            Map<String, Object> body = with(cluster(uniqueName("big")), "display_name", "x".repeat(1_100_000));

            Response response = api.as("operator").post("/api/v1/clusters", body);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        }

        @Test
        void shouldRejectMalformedJsonWhenBodyIsNotJson() {
            Response response = api.as("operator").post("/api/v1/clusters", "{\"name\": ");

            assertThat(response.status()).isEqualTo(400);
        }
    }

    @Nested
    class Reading {

        @Test
        void shouldReturnClusterWithEtagWhenFetchedById() {
            UUID id = register(cluster(uniqueName("get")));

            Response response = api.as("viewer").get("/api/v1/clusters/" + id);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("id").asString()).isEqualTo(id.toString());
            assertThat(response.header("ETag")).isEqualTo("\"0\"");
        }

        @Test
        void shouldFindClusterWhenFetchedByName() {
            String name = uniqueName("byname");
            UUID id = register(cluster(name));

            Response response = api.as("viewer").get("/api/v1/clusters/by-name/" + name);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("id").asString()).isEqualTo(id.toString());
        }

        @Test
        void shouldAnswerNotFoundWhenClusterDoesNotExist() {
            Response byId = api.as("viewer").get("/api/v1/clusters/" + UUID.randomUUID());
            Response byName = api.as("viewer").get("/api/v1/clusters/by-name/no-such-cluster");

            assertThat(byId.status()).isEqualTo(404);
            assertThat(byId.body().get("code").asString()).isEqualTo("CLUSTER_NOT_FOUND");
            assertThat(byName.status()).isEqualTo(404);
            assertThat(byName.body().get("code").asString()).isEqualTo("CLUSTER_NOT_FOUND");
        }
    }

    @Nested
    class Listing {

        @Test
        void shouldFilterPageAndSortWhenQueried() {
            String prefix = "lst" + UUID.randomUUID().toString().substring(0, 6);
            for (int i = 0; i < 5; i++) {
                Map<String, Object> body = cluster(prefix + "-edge-" + i);
                body.put("cluster_type", "EDGE");
                body.put("environment", i % 2 == 0 ? "PRODUCTION" : "LAB");
                body.put("region", "eu-west");
                body.put("labels", Map.of("site", "site-" + (i % 2), "tier", "gold"));
                register(body);
            }
            Map<String, Object> hub = cluster(prefix + "-hub");
            hub.put("cluster_type", "HUB");
            hub.put("region", "us-east");
            register(hub);

            JsonNode edges = api.as("viewer")
                    .get("/api/v1/clusters?name=" + prefix + "&cluster_type=EDGE&sort=-name&page=1&page_size=2")
                    .body();
            assertThat(edges.get("total").asLong()).isEqualTo(5);
            assertThat(edges.get("total_pages").asInt()).isEqualTo(3);
            assertThat(edges.get("page_size").asInt()).isEqualTo(2);
            assertThat(names(edges)).containsExactly(prefix + "-edge-4", prefix + "-edge-3");

            JsonNode page3 = api.as("viewer")
                    .get("/api/v1/clusters?name=" + prefix + "&cluster_type=edge&sort=name,desc&page=3&page_size=2")
                    .body();
            assertThat(names(page3)).containsExactly(prefix + "-edge-0");

            JsonNode labelled = api.as("viewer")
                    .get("/api/v1/clusters?name=" + prefix
                            + "&label=site=site-1&label=tier=gold&environment=LAB&sort=name")
                    .body();
            assertThat(names(labelled)).containsExactly(prefix + "-edge-1", prefix + "-edge-3");

            JsonNode byRegion = api.as("viewer")
                    .get("/api/v1/clusters?name=" + prefix + "&region=us-east")
                    .body();
            assertThat(names(byRegion)).containsExactly(prefix + "-hub");

            JsonNode withGpu = api.as("viewer")
                    .get("/api/v1/clusters?name=" + prefix + "&has_gpu=true")
                    .body();
            assertThat(withGpu.get("total").asLong()).isZero();

            JsonNode withoutCnf = api.as("viewer")
                    .get("/api/v1/clusters?name=" + prefix + "&has_cnf=false&page_size=100")
                    .body();
            assertThat(withoutCnf.get("total").asLong()).isEqualTo(6);
        }

        @Test
        void shouldNotTreatLikeWildcardsAsPatternsWhenNameFilterHasThem() {
            register(cluster(uniqueName("wild")));

            JsonNode result = api.as("viewer").get("/api/v1/clusters?name=%25").body();

            assertThat(result.get("total").asLong()).isZero();
        }

        static Stream<Arguments> invalidQueries() {
            return Stream.of(
                    Arguments.of("page zero", "page=0", "page"),
                    Arguments.of("page size too big", "page_size=101", "page_size"),
                    Arguments.of("page not a number", "page=abc", "page"),
                    Arguments.of("unknown type", "cluster_type=MEGA", "cluster_type"),
                    Arguments.of("unknown state", "state=SLEEPY", "state"),
                    Arguments.of("bad boolean", "has_gpu=maybe", "has_gpu"),
                    Arguments.of("label without value", "label=site", "label"),
                    Arguments.of("sort on unknown field", "sort=password", "sort"),
                    Arguments.of("sort injection", "sort=name;drop%20table%20cluster", "sort"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidQueries")
        void shouldNameTheParameterWhenQueryIsInvalid(String caseName, String query, String field) {
            Response response = api.as("viewer").get("/api/v1/clusters?" + query);

            assertThat(response.status()).isEqualTo(400);
            assertThat(fields(response)).contains(field);
        }
    }

    @Nested
    class Updating {

        Map<String, Object> update(Map<String, Object> overrides) {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("display_name", "Updated");
            body.put("api_server_url", "http://127.0.0.1:2");
            body.put("cluster_type", "EDGE");
            body.put("platform", "OPENSHIFT");
            body.put("environment", "STAGING");
            body.put("labels", Map.of("site", "lab-3"));
            body.putAll(overrides);
            return body;
        }

        @Test
        void shouldUpdateAndBumpVersionWhenIfMatchIsCurrent() {
            UUID id = register(cluster(uniqueName("upd")));

            Response response =
                    api.as("operator").header("If-Match", "\"0\"").put("/api/v1/clusters/" + id, update(Map.of()));

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body().get("display_name").asString()).isEqualTo("Updated");
            assertThat(response.body().get("cluster_type").asString()).isEqualTo("EDGE");
            assertThat(response.body().get("labels").get("site").asString()).isEqualTo("lab-3");
            assertThat(response.body().get("version").asLong()).isEqualTo(1);
            assertThat(response.header("ETag")).isEqualTo("\"1\"");
            assertThat(outboxEvents(jdbc, id)).contains("CLUSTER_UPDATED");
        }

        @Test
        void shouldAcceptVersionFieldWhenNoIfMatchIsSent() {
            UUID id = register(cluster(uniqueName("updv")));

            Response response = api.as("operator").put("/api/v1/clusters/" + id, update(Map.of("version", 0)));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("version").asLong()).isEqualTo(1);
        }

        @Test
        void shouldAnswerPreconditionFailedWhenVersionIsStale() {
            UUID id = register(cluster(uniqueName("stale")));
            api.as("operator").header("If-Match", "\"0\"").put("/api/v1/clusters/" + id, update(Map.of()));

            Response stale = api.as("operator")
                    .header("If-Match", "\"0\"")
                    .put("/api/v1/clusters/" + id, update(Map.of("display_name", "Lost")));

            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.body().get("code").asString()).isEqualTo("PRECONDITION_FAILED");
            assertThat(stale.body().get("current_version").asLong()).isEqualTo(1);
            assertThat(api.as("viewer")
                            .get("/api/v1/clusters/" + id)
                            .body()
                            .get("display_name")
                            .asString())
                    .isEqualTo("Updated");
        }

        @Test
        void shouldRequireAPreconditionWhenNeitherIfMatchNorVersionIsSent() {
            UUID id = register(cluster(uniqueName("nopre")));

            Response response = api.as("operator").put("/api/v1/clusters/" + id, update(Map.of()));

            assertThat(response.status()).isEqualTo(428);
        }

        @Test
        void shouldLoseNoUpdateWhenTwoWritersRaceFromTheSameVersion() throws Exception {
            UUID id = register(cluster(uniqueName("lost")));
            String token = api.token("operator");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Integer> statuses = new ArrayList<>();
            try {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    calls.add(() -> api.withToken(token)
                            .header("If-Match", "\"0\"")
                            .put("/api/v1/clusters/" + id, update(Map.of("display_name", "writer-" + n)))
                            .status());
                }
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
            assertThat(api.as("viewer")
                            .get("/api/v1/clusters/" + id)
                            .body()
                            .get("version")
                            .asLong())
                    .isEqualTo(1);
        }

        @Test
        void shouldRejectUnsafeUrlWhenUpdating() {
            UUID id = register(cluster(uniqueName("unsafe")));

            Response response = api.as("operator")
                    .header("If-Match", "\"0\"")
                    .put(
                            "/api/v1/clusters/" + id,
                            update(Map.of("endpoints", Map.of("tempo_url", "http://169.254.169.254"))));

            assertThat(response.status()).isEqualTo(400);
            assertThat(fields(response)).contains("endpoints.tempo_url");
        }
    }

    @Nested
    class Deleting {

        @Test
        void shouldDeleteAndEmitEventWhenAdminDeletes() {
            UUID id = register(cluster(uniqueName("del")));

            Response response = api.as("admin").delete("/api/v1/clusters/" + id);

            assertThat(response.status()).isEqualTo(204);
            assertThat(api.as("viewer").get("/api/v1/clusters/" + id).status()).isEqualTo(404);
            assertThat(outboxEvents(jdbc, id)).contains("CLUSTER_REGISTERED", "CLUSTER_DELETED");
        }

        @Test
        void shouldForbidDeletionWhenCallerIsOnlyOperator() {
            UUID id = register(cluster(uniqueName("nodel")));

            Response response = api.as("operator").delete("/api/v1/clusters/" + id);

            assertThat(response.status()).isEqualTo(403);
            assertThat(api.as("viewer").get("/api/v1/clusters/" + id).status()).isEqualTo(200);
        }
    }

    @Nested
    class Security {

        @Test
        void shouldAnswerUnauthorizedWhenNoTokenIsSent() {
            assertThat(api.anonymous().get("/api/v1/clusters").status()).isEqualTo(401);
        }

        @Test
        void shouldForbidWritesWhenCallerIsViewer() {
            Response response = api.as("viewer").post("/api/v1/clusters", cluster(uniqueName("view")));

            assertThat(response.status()).isEqualTo(403);
        }

        @Test
        void shouldLetPlatformServicesReadWhenTheyPresentAServiceToken() {
            assertThat(api.as("service").get("/api/v1/clusters").status()).isEqualTo(200);
            assertThat(api.as("service")
                            .post("/api/v1/clusters", cluster(uniqueName("svc")))
                            .status())
                    .isEqualTo(403);
        }
    }

    static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        JsonNode errors = response.body().get("errors");
        if (errors != null) {
            errors.forEach(e -> fields.add(e.get("field").asString()));
        }
        return fields;
    }

    static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }
}
