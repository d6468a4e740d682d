package dev.aiops.registry.o2ims;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.RegistryIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * O2 IMS v2 against the O-RAN OpenAPI: every response these tests receive is validated against the
 * schema the spec gives for its operation and status ({@link O2ImsOpenApi}), and the last test proves
 * every operation of the spec was exercised.
 */
@RegistryIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class O2ImsV2Tests {

    static final String ROOT = "/o2ims-infrastructureInventory";
    static final String V2 = ROOT + "/v2";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    WireMockServer smo;

    /** Operations ({@code METHOD template}) whose responses were validated against the spec. */
    final Set<String> validated = new TreeSet<>();

    @BeforeAll
    void startSmo() {
        smo = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        smo.start();
    }

    @AfterAll
    void stopSmo() {
        smo.stop();
    }

    @BeforeEach
    void resetSmo() {
        smo.resetAll();
        smo.stubFor(post(urlPathEqualTo("/smo/notify")).willReturn(aResponse().withStatus(204)));
        jdbc.update("delete from o2ims_subscription");
    }

    /**
     * Sends a request and checks the answer against the spec: status, media type and body schema.
     * {@code template} is the spec's path, {@code path} the concrete one.
     */
    Response call(String role, String method, String template, String path, Object body, int expectedStatus) {
        Response response = api.as(role).send(method, path, body);
        assertThat(response.status())
                .as(method + " " + path + " -> " + response)
                .isEqualTo(expectedStatus);
        String mediaType = O2ImsOpenApi.responseMediaType(method, template, expectedStatus);
        if (mediaType != null) {
            assertThat(response.header("Content-Type")).as(path).startsWith(mediaType);
            assertThat(O2ImsOpenApi.responseViolations(method, template, expectedStatus, response.body()))
                    .as(method + " " + path + " body " + response.text())
                    .isEmpty();
        }
        validated.add(method + " " + template);
        return response;
    }

    JsonNode get(String template, String path) {
        return call("viewer", "GET", template, path, null, 200).body();
    }

    UUID register(String region, Map<String, String> labels) {
        Map<String, Object> body = cluster(uniqueName("o2v2"));
        body.put("region", region);
        body.put("labels", labels);
        Response response = api.as("operator").post("/api/v1/clusters", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }

    void addNode(UUID cluster, String name, int gpus, String roles) {
        jdbc.update(
                "insert into cluster_node (cluster_id, name, id, uid, roles, gpu_count, ready, discovered_at, capacity)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?, true, now(), '{}'::jsonb)",
                cluster,
                name,
                UUID.randomUUID(),
                "uid-" + name,
                roles,
                gpus);
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.path(field).asString().equals(value)) {
                return element;
            }
        }
        return null;
    }

    @Test
    void shouldDescribeVersionsAndTheOCloudAsTheSpecSays() {
        JsonNode all = get(ROOT + "/api_versions", ROOT + "/api_versions");
        List<String> versions = new ArrayList<>();
        all.get("apiVersions").forEach(v -> versions.add(v.get("version").asString()));
        assertThat(versions).contains("1.0.0", "2.0.0");

        JsonNode minor = get(V2 + "/api_versions", V2 + "/api_versions");
        assertThat(minor.get("uriPrefix").asString()).isEqualTo(V2);
        assertThat(minor.get("apiVersions").get(0).get("version").asString()).isEqualTo("2.0.0");

        JsonNode cloud = get(V2, V2);
        assertThat(cloud.get("oCloudId").asString())
                .isEqualTo(api.as("viewer")
                        .get(ROOT + "/v1/")
                        .body()
                        .get("oCloudId")
                        .asString());
        // {apiRoot} only: the service's root, without the inventory prefix
        assertThat(cloud.get("serviceUri").asString()).isEqualTo(api.baseUrl());
        assertThat(UUID.fromString(cloud.get("globalCloudId").asString())).isNotNull();
    }

    @Test
    void shouldMapClustersSitesAndNodesOntoTheV2Hierarchy() {
        String region = "v2-region-" + UUID.randomUUID().toString().substring(0, 6);
        String site = "v2-site-" + UUID.randomUUID().toString().substring(0, 6);
        UUID atSite = register(region, Map.of("aiops.dev/site", site));
        UUID inRegion = register(region, Map.of());
        addNode(atSite, "gpu-0", 4, "[\"worker\"]");
        addNode(atSite, "cp-0", 0, "[\"control-plane\"]");

        // deployment managers: one per cluster, located at its site's region
        JsonNode dm = get(V2 + "/deploymentManagers/{deploymentManagerId}", V2 + "/deploymentManagers/" + atSite);
        assertThat(dm.get("deploymentManagerId").asString()).isEqualTo(atSite.toString());
        assertThat(dm.get("supportedLocations").get(0).asString()).isEqualTo(region);
        assertThat(dm.get("capacity").get("nodes").asLong()).isEqualTo(2);
        assertThat(dm.get("serviceUri").asString()).isEqualTo("http://127.0.0.1:1");
        JsonNode dms = get(V2 + "/deploymentManagers", V2 + "/deploymentManagers");
        assertThat(find(dms, "deploymentManagerId", inRegion.toString())).isNotNull();

        // pools: the site label makes one pool, the region another; each pool is an O-Cloud site
        JsonNode pools = get(V2 + "/resourcePools", V2 + "/resourcePools");
        JsonNode sitePool = find(pools, "name", site);
        JsonNode regionPool = find(pools, "name", region);
        assertThat(sitePool).isNotNull();
        assertThat(regionPool).isNotNull();
        String poolId = sitePool.get("resourcePoolId").asString();
        assertThat(get(V2 + "/resourcePools/{resourcePoolId}", V2 + "/resourcePools/" + poolId)
                        .get("name")
                        .asString())
                .isEqualTo(site);
        String siteId = sitePool.get("oCloudSiteId").asString();
        JsonNode siteInfo = get(V2 + "/oCloudSites/{oCloudSiteId}", V2 + "/oCloudSites/" + siteId);
        assertThat(siteInfo.get("resourcePools").get(0).asString()).isEqualTo(poolId);
        assertThat(siteInfo.get("globalLocationId").asString()).isEqualTo(region);
        assertThat(find(get(V2 + "/oCloudSites", V2 + "/oCloudSites"), "oCloudSiteId", siteId))
                .isNotNull();

        // the location (region) holds both sites
        JsonNode location = get(V2 + "/locations/{globalLocationId}", V2 + "/locations/" + region);
        List<String> sites = new ArrayList<>();
        location.get("oCloudSiteIds").forEach(s -> sites.add(s.asString()));
        assertThat(sites)
                .containsExactlyInAnyOrder(
                        siteId, regionPool.get("oCloudSiteId").asString());
        assertThat(find(get(V2 + "/locations", V2 + "/locations"), "globalLocationId", region))
                .isNotNull();

        // nodes are resources of the pool, typed, tagged by role, grouped by cluster
        JsonNode resources =
                get(V2 + "/resourcePools/{resourcePoolId}/resources", V2 + "/resourcePools/" + poolId + "/resources");
        assertThat(resources).hasSize(2);
        JsonNode gpuNode = find(resources, "globalAssetId", "uid-gpu-0");
        assertThat(gpuNode.get("tags").get(0).asString()).isEqualTo("worker");
        assertThat(gpuNode.get("groups").get(0).asString()).startsWith("o2v2-");
        String resourceId = gpuNode.get("resourceId").asString();
        assertThat(get(
                                V2 + "/resourcePools/{resourcePoolId}/resources/{resourceId}",
                                V2 + "/resourcePools/" + poolId + "/resources/" + resourceId)
                        .get("resourceId")
                        .asString())
                .isEqualTo(resourceId);

        // resource types and their alarm dictionaries
        String typeId = gpuNode.get("resourceTypeId").asString();
        JsonNode type = get(V2 + "/resourceTypes/{resourceTypeId}", V2 + "/resourceTypes/" + typeId);
        assertThat(type.get("name").asString()).isEqualTo("kubernetes-gpu-node");
        assertThat(get(V2 + "/resourceTypes", V2 + "/resourceTypes")).hasSize(2);
        JsonNode dictionary = get(
                V2 + "/resourceTypes/{resourceTypeId}/alarmDictionary",
                V2 + "/resourceTypes/" + typeId + "/alarmDictionary");
        assertThat(dictionary.get("alarmDictionaryId").asString())
                .isEqualTo(type.get("alarmDictionaryId").asString());
        assertThat(dictionary.get("alarmDefinition")).hasSize(2);
        assertThat(get(
                                V2 + "/alarmDictionaries/{alarmDictionaryId}",
                                V2 + "/alarmDictionaries/"
                                        + dictionary.get("alarmDictionaryId").asString())
                        .get("entityType")
                        .asString())
                .isEqualTo(dictionary.get("entityType").asString());
        assertThat(get(V2 + "/alarmDictionaries", V2 + "/alarmDictionaries")).hasSize(2);
    }

    @Test
    void shouldFilterAndShapeListsWithTheSpecsQueryParameters() {
        String region = "v2-filter-" + UUID.randomUUID().toString().substring(0, 6);
        UUID first = register(region, Map.of("tier", "gold"));
        UUID second = register(region, Map.of("tier", "silver"));
        String template = V2 + "/deploymentManagers";

        JsonNode gold = get(
                template,
                template + "?filter=" + q("(eq,extensions/labels/tier,gold);(eq,supportedLocations," + region + ")"));
        assertThat(gold).hasSize(1);
        assertThat(gold.get(0).get("deploymentManagerId").asString()).isEqualTo(first.toString());

        JsonNode both = get(
                template,
                template + "?filter="
                        + q("(in,deploymentManagerId," + first + "," + second + ");(neq,name,'no such name')"));
        assertThat(both).hasSize(2);
        assertThat(get(
                        template,
                        template + "?filter="
                                + q("(cont,supportedLocations,v2-filter-;(gt,capacity/nodes,0)".replace(";", ");"))))
                .isEmpty();

        // fields keeps only what is named; exclude_fields wins over it; all_fields is accepted
        Response shaped = api.as("viewer")
                .get(template + "?filter=" + q("(eq,deploymentManagerId," + first + ")")
                        + "&fields=" + q("deploymentManagerId,name,extensions/labels")
                        + "&exclude_fields=name&all_fields");
        assertThat(shaped.status()).isEqualTo(200);
        JsonNode dm = shaped.body().get(0);
        List<String> names = new ArrayList<>(dm.propertyNames());
        assertThat(names).containsExactly("deploymentManagerId", "extensions");
        assertThat(new ArrayList<>(dm.get("extensions").propertyNames())).containsExactly("labels");
        assertThat(dm.get("extensions").get("labels").get("tier").asString()).isEqualTo("gold");

        JsonNode cloud = api.as("viewer").get(V2 + "?fields=oCloudId,name").body();
        assertThat(new ArrayList<>(cloud.propertyNames())).containsExactly("oCloudId", "name");
    }

    static Stream<Arguments> unknownIds() {
        String id = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of(V2 + "/deploymentManagers/{deploymentManagerId}", V2 + "/deploymentManagers/" + id),
                Arguments.of(V2 + "/resourceTypes/{resourceTypeId}", V2 + "/resourceTypes/" + id),
                Arguments.of(
                        V2 + "/resourceTypes/{resourceTypeId}/alarmDictionary",
                        V2 + "/resourceTypes/" + id + "/alarmDictionary"),
                Arguments.of(V2 + "/resourcePools/{resourcePoolId}", V2 + "/resourcePools/" + id),
                Arguments.of(
                        V2 + "/resourcePools/{resourcePoolId}/resources", V2 + "/resourcePools/" + id + "/resources"),
                Arguments.of(
                        V2 + "/resourcePools/{resourcePoolId}/resources/{resourceId}",
                        V2 + "/resourcePools/" + id + "/resources/" + id),
                Arguments.of(V2 + "/alarmDictionaries/{alarmDictionaryId}", V2 + "/alarmDictionaries/" + id),
                Arguments.of(V2 + "/locations/{globalLocationId}", V2 + "/locations/nowhere-" + id),
                Arguments.of(V2 + "/oCloudSites/{oCloudSiteId}", V2 + "/oCloudSites/" + id),
                Arguments.of(V2 + "/subscriptions/{subscriptionId}", V2 + "/subscriptions/" + id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownIds")
    void shouldAnswerUnknownIdsWith404ProblemDetails(String template, String path) {
        JsonNode problem = call("viewer", "GET", template, path, null, 404).body();

        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString()).startsWith("No ");
    }

    @Test
    void shouldAnswerAnUnknownResourceOfAKnownPoolWith404() {
        String region = "v2-404-" + UUID.randomUUID().toString().substring(0, 6);
        register(region, Map.of());
        String poolId = O2ImsIds.pool(region);

        call(
                "viewer",
                "GET",
                V2 + "/resourcePools/{resourcePoolId}/resources/{resourceId}",
                V2 + "/resourcePools/" + poolId + "/resources/" + UUID.randomUUID(),
                null,
                404);
        call(
                "operator",
                "DELETE",
                V2 + "/subscriptions/{subscriptionId}",
                V2 + "/subscriptions/" + UUID.randomUUID(),
                null,
                404);
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("unknown operator", "?filter=" + q("(like,name,x)"), "filter"),
                Arguments.of("unknown field", "?filter=" + q("(eq,nosuchfield,x)"), "filter"),
                Arguments.of("not a tuple", "?filter=" + q("eq,name,x"), "filter"),
                Arguments.of("missing value", "?filter=" + q("(eq,name)"), "filter"),
                Arguments.of("unclosed", "?filter=" + q("(eq,name,x"), "filter"),
                Arguments.of("unclosed quote", "?filter=" + q("(eq,name,'x)"), "filter"),
                Arguments.of("two values for eq", "?filter=" + q("(eq,name,a,b)"), "filter"),
                Arguments.of("bad separator", "?filter=" + q("(eq,name,a),(eq,name,b)"), "filter"),
                Arguments.of("unknown field in fields", "?fields=" + q("name,nosuchfield"), "fields"),
                Arguments.of("empty reference", "?exclude_fields=" + q("extensions//x"), "exclude_fields"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void shouldAnswerABadQueryWith400NamingTheParameter(String caseName, String query, String parameter) {
        for (String template : List.of(V2 + "/deploymentManagers", V2 + "/resourcePools", V2 + "/subscriptions")) {
            JsonNode problem =
                    call("viewer", "GET", template, template + query, null, 400).body();
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
            assertThat(fields).as(template).containsExactly(parameter);
        }
    }

    @Test
    void shouldAnswerAMalformedIdWith400() {
        JsonNode problem = call(
                        "viewer",
                        "GET",
                        V2 + "/deploymentManagers/{deploymentManagerId}",
                        V2 + "/deploymentManagers/not-a-uuid",
                        null,
                        400)
                .body();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("deploymentManagerId");
    }

    @Test
    void shouldCreateReadListAndDeleteApartFromV1() {
        String consumer = UUID.randomUUID().toString();
        Response created = call(
                "operator",
                "POST",
                V2 + "/subscriptions",
                V2 + "/subscriptions",
                Map.of("callback", smo.baseUrl() + "/smo/notify", "consumerSubscriptionId", consumer),
                201);
        String id = created.body().get("subscriptionId").asString();
        assertThat(created.header("Location")).endsWith(V2 + "/subscriptions/" + id);
        assertThat(O2ImsOpenApi.schemaViolations("Subscription", created.body()))
                .isEmpty();
        JsonNode fetched = get(V2 + "/subscriptions/{subscriptionId}", V2 + "/subscriptions/" + id);
        assertThat(fetched.get("consumerSubscriptionId").asString()).isEqualTo(consumer);
        assertThat(fetched.has("filter")).isFalse();
        assertThat(get(V2 + "/subscriptions", V2 + "/subscriptions")).hasSize(1);
        // one subscription table, but each version sees its own
        assertThat(api.as("viewer").get(ROOT + "/v1/subscriptions").body()).isEmpty();
        assertThat(api.as("viewer").get(ROOT + "/v1/subscriptions/" + id).status())
                .isEqualTo(404);

        call("operator", "DELETE", V2 + "/subscriptions/{subscriptionId}", V2 + "/subscriptions/" + id, null, 200);
        call("viewer", "GET", V2 + "/subscriptions/{subscriptionId}", V2 + "/subscriptions/" + id, null, 404);
    }

    @Test
    void shouldRefuseInvalidSubscriptionsNamingTheField() {
        record Case(Map<String, Object> body, String field) {}
        List<Case> cases = List.of(
                new Case(Map.of("consumerSubscriptionId", UUID.randomUUID().toString()), "callback"),
                new Case(
                        Map.of("callback", "http://127.0.0.1/x", "consumerSubscriptionId", "smo-42"),
                        "consumerSubscriptionId"),
                new Case(Map.of("callback", "http://169.254.169.254/latest"), "callback"),
                new Case(Map.of("callback", "http://127.0.0.1/x", "filter", "(eq,objectType"), "filter"),
                new Case(Map.of("callback", "http://127.0.0.1/x", "callbackUri", "y"), "callbackUri"));
        for (Case c : cases) {
            JsonNode problem = call("operator", "POST", V2 + "/subscriptions", V2 + "/subscriptions", c.body(), 400)
                    .body();
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
            assertThat(fields).as(c.toString()).contains(c.field());
        }
        assertThat(jdbc.queryForObject("select count(*) from o2ims_subscription", Long.class))
                .isZero();
        assertThat(api.as("viewer")
                        .post(V2 + "/subscriptions", Map.of("callback", "http://127.0.0.1/x"))
                        .status())
                .isEqualTo(403);
    }

    List<JsonNode> received(String path) {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : smo.findAll(postRequestedFor(urlPathEqualTo(path)))) {
            bodies.add(api.json().readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    /**
     * v2 notifications as a subscriber keeps them: delivery is at least once (a callback slower than the
     * callback timeout gets the notification again), and {@code notificationId} tells repeats apart.
     */
    List<JsonNode> receivedOnce(String path) {
        Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        received(path).forEach(n -> byId.putIfAbsent(n.get("notificationId").asString(), n));
        return new ArrayList<>(byId.values());
    }

    @Test
    void shouldSendV2ChangesWithStatesAndV1ChangesInV1ShapeThroughTheSameRelay() {
        smo.stubFor(post(urlPathEqualTo("/smo/v2")).willReturn(aResponse().withStatus(204)));
        smo.stubFor(post(urlPathEqualTo("/smo/v1")).willReturn(aResponse().withStatus(204)));
        String consumer = UUID.randomUUID().toString();
        call(
                "operator",
                "POST",
                V2 + "/subscriptions",
                V2 + "/subscriptions",
                Map.of(
                        "callback",
                        smo.baseUrl() + "/smo/v2",
                        "consumerSubscriptionId",
                        consumer,
                        "filter",
                        "(eq,objectType,DeploymentManager)"),
                201);
        assertThat(api.as("operator")
                        .post(ROOT + "/v1/subscriptions", Map.of("callback", smo.baseUrl() + "/smo/v1"))
                        .status())
                .isEqualTo(201);
        String region = "v2-notify-" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = register(region, Map.of());
        Map<String, Object> update = cluster("ignored");
        update.remove("name");
        update.put("display_name", "renamed");
        update.put("cluster_type", "SPOKE");
        update.put("environment", "LAB");
        update.put("region", region);
        update.put("version", 0);
        assertThat(api.as("operator").put("/api/v1/clusters/" + id, update).status())
                .isEqualTo(200);
        assertThat(api.as("admin").delete("/api/v1/clusters/" + id).status()).isEqualTo(204);

        await().atMost(PATIENCE).until(() -> receivedOnce("/smo/v2").size() >= 3);
        List<JsonNode> v2 = receivedOnce("/smo/v2");
        assertThat(v2).hasSize(3); // the filter kept the pool's changes out
        for (JsonNode notification : v2) {
            assertThat(O2ImsOpenApi.schemaViolations("InventoryChangeNotification", notification))
                    .as(notification.toString())
                    .isEmpty();
            assertThat(notification.get("consumerSubscriptionId").asString()).isEqualTo(consumer);
            assertThat(notification.get("objectRef").asString()).isEqualTo(V2 + "/deploymentManagers/" + id);
            for (String state : List.of("priorObjectState", "postObjectState")) {
                if (notification.has(state)) {
                    assertThat(O2ImsOpenApi.schemaViolations("DeploymentManager", notification.get(state)))
                            .as(state)
                            .isEmpty();
                }
            }
        }
        assertThat(v2.stream().map(n -> n.get("notificationEventType").asInt())).containsExactly(0, 1, 2);
        JsonNode create = v2.get(0);
        JsonNode modify = v2.get(1);
        JsonNode delete = v2.get(2);
        assertThat(create.has("priorObjectState")).isFalse();
        assertThat(create.get("postObjectState").get("description").asString()).startsWith("Cluster o2v2-");
        assertThat(modify.get("priorObjectState")).isEqualTo(create.get("postObjectState"));
        assertThat(modify.get("postObjectState").get("description").asString()).isEqualTo("renamed");
        assertThat(delete.get("priorObjectState")).isEqualTo(modify.get("postObjectState"));
        assertThat(delete.has("postObjectState")).isFalse();

        // the v1 subscriber got the same changes (and the pool's) in the v1 shape
        // (v1 notifications carry no id: a repeat shows as the same object and event type again)
        await().atMost(PATIENCE)
                .until(() -> received("/smo/v1").stream()
                                .map(n -> n.get("objectRef").asString() + " " + n.get("notificationEventType"))
                                .distinct()
                                .count()
                        >= 5);
        List<JsonNode> v1 = received("/smo/v1");
        assertThat(v1).allMatch(n -> n.has("updatetime") && !n.has("notificationId"));
        assertThat(v1.stream()
                        .filter(n -> n.get("objectRef").asString().equals(ROOT + "/v1/deploymentManagers/" + id))
                        .map(n -> n.get("notificationEventType").asInt())
                        .distinct())
                .containsExactly(0, 1, 2);
        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForObject("select count(*) from o2ims_delivery", Long.class) == 0);
        assertThat(jdbc.queryForObject(
                        "select count(*) from o2ims_object_state where object_ref like ?", Long.class, "%" + id + "%"))
                .isZero();

        // recorded states serve v2 subscribers only: the last one leaving takes them along
        UUID other = register(region, Map.of());
        assertThat(jdbc.queryForObject("select count(*) from o2ims_object_state", Long.class))
                .isPositive();
        String subscription = get(V2 + "/subscriptions", V2 + "/subscriptions")
                .get(0)
                .get("subscriptionId")
                .asString();
        call(
                "operator",
                "DELETE",
                V2 + "/subscriptions/{subscriptionId}",
                V2 + "/subscriptions/" + subscription,
                null,
                200);
        assertThat(jdbc.queryForObject("select count(*) from o2ims_object_state", Long.class))
                .as("states after the last v2 subscription of cluster %s went", other)
                .isZero();
    }

    @Test
    void shouldRejectV1ShapesWhenValidatingAgainstTheV2Spec() {
        // the validator can fail: v1's deployment manager and notification are not v2's
        UUID id = register("v2-strict", Map.of());
        JsonNode v1 =
                api.as("viewer").get(ROOT + "/v1/deploymentManagers/" + id).body();

        assertThat(O2ImsOpenApi.schemaViolations("DeploymentManager", v1))
                .anyMatch(v -> v.contains("profileSupportList"));
        assertThat(O2ImsOpenApi.schemaViolations(
                        "InventoryChangeNotification",
                        api.json().readTree("{\"notificationEventType\":0,\"id\":\"x\",\"updatetime\":\"now\"}")))
                .isNotEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE) // after every other test, whose calls it counts
    void shouldHaveValidatedEveryOperationOfTheSpec() {
        assertThat(validated).containsAll(O2ImsOpenApi.operations());
    }
}
