package dev.aiops.registry;

import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every endpoint that takes a body refuses unknown fields, oversized bodies and broken JSON alike. */
@RegistryIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTests {

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    UUID clusterId;

    @BeforeAll
    void registerCluster() {
        clusterId = UUID.fromString(api.as("operator")
                .post("/api/v1/clusters", cluster(uniqueName("bad")))
                .body()
                .get("id")
                .asString());
        api.as("operator")
                .post("/api/v1/clusters/" + clusterId + "/credentials", Map.of("auth_type", "OIDC", "token", "t"));
    }

    record Endpoint(String method, String path, Map<String, Object> validBody) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    Stream<Arguments> endpoints() {
        Map<String, Object> update = new java.util.LinkedHashMap<>(cluster("x"));
        update.remove("name");
        update.put("cluster_type", "SPOKE");
        update.put("environment", "LAB");
        update.put("version", 0);
        return Stream.of(
                Arguments.of("register", new Endpoint("POST", "/api/v1/clusters", cluster(uniqueName("bad")))),
                Arguments.of("update", new Endpoint("PUT", "/api/v1/clusters/" + clusterId, update)),
                Arguments.of(
                        "store credentials",
                        new Endpoint(
                                "POST",
                                "/api/v1/clusters/" + clusterId + "/credentials",
                                Map.of("auth_type", "OIDC", "token", "t"))),
                Arguments.of(
                        "rotate credentials",
                        new Endpoint(
                                "POST",
                                "/api/v1/clusters/" + clusterId + "/credentials/rotate",
                                Map.of("auth_type", "OIDC", "token", "t"))),
                Arguments.of(
                        "subscribe",
                        new Endpoint(
                                "POST",
                                "/o2ims-infrastructureInventory/v1/subscriptions",
                                Map.of("callback", "http://127.0.0.1:9/x"))),
                Arguments.of(
                        "subscribe v2",
                        new Endpoint(
                                "POST",
                                "/o2ims-infrastructureInventory/v2/subscriptions",
                                Map.of("callback", "http://127.0.0.1:9/x"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void shouldRejectUnknownFieldsNamingThem(String name, Endpoint endpoint) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(endpoint.validBody());
        body.put("is_admin", true);

        Response response = api.as("admin").send(endpoint.method(), endpoint.path(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).contains("is_admin");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void shouldRejectOversizedBodies(String name, Endpoint endpoint) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(endpoint.validBody());
        body.put("padding", "x".repeat(1_200_000));

        Response response = api.as("admin").send(endpoint.method(), endpoint.path(), body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void shouldRejectBrokenJsonWithoutLeakingInternals(String name, Endpoint endpoint) {
        Response response = api.as("admin").send(endpoint.method(), endpoint.path(), "{\"a\": [1, 2");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text()).doesNotContain("Exception", "at dev.aiops", "tools.jackson");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void shouldRejectWrongTypesNamingTheField(String name, Endpoint endpoint) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(endpoint.validBody());
        String field = body.keySet().iterator().next();
        body.put(field, List.of(1, 2, 3));

        Response response = api.as("admin").send(endpoint.method(), endpoint.path(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).contains(field);
    }

    static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        var errors = response.body().get("errors");
        if (errors != null) {
            errors.forEach(e -> fields.add(e.get("field").asString()));
        }
        return fields;
    }
}
