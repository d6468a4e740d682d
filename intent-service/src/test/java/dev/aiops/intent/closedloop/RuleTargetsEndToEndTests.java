package dev.aiops.intent.closedloop;

import static dev.aiops.intent.closedloop.ClosedLoopFixtures.fault;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.rule;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intent.support.IntentApi;
import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.KubernetesCluster;
import dev.aiops.intent.support.RealPlatform;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rule targets on the real services (registry, porch-adapter, PostgreSQL, Redis): CNFs carry labels from their
 * intent and cluster, a rule whose target is a Kubernetes label selector acts on exactly the CNFs it matches,
 * and a migrate rule moves a CNF to another eligible cluster of its site and retires the old one once the new
 * one is Active, or records why it cannot.
 */
@IntentIntegrationTest
class RuleTargetsEndToEndTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final KubernetesCluster EDGE31 = new KubernetesCluster();
    private static final KubernetesCluster HUB31 = new KubernetesCluster();
    private static final KubernetesCluster EDGE32A = new KubernetesCluster();
    private static final KubernetesCluster EDGE32B = new KubernetesCluster();
    private static final KubernetesCluster LONELY33 = new KubernetesCluster();

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    EventBus bus;

    private IntentApi api;
    private ClosedLoopApi loop;

    @AfterAll
    static void stopClusters() {
        List.of(EDGE31, HUB31, EDGE32A, EDGE32B, LONELY33).forEach(KubernetesCluster::close);
    }

    @BeforeEach
    void realServices() {
        api = new IntentApi(client, tokens, jdbc);
        loop = new ClosedLoopApi(client, tokens, jdbc, bus, PATIENCE);
        RealPlatform.realPorch();
    }

    @Test
    void shouldActOnExactlyTheCnfsALabelSelectorMatches() {
        RealPlatform.onlineCluster(tokens, json, "k8s-edge31", "edge31", EDGE31, "EDGE", "eu-north");
        RealPlatform.onlineCluster(tokens, json, "k8s-hub31", "hub31", HUB31, "HUB", "eu-north");
        JsonNode edge = active(api.create("Deploy a UPF on edge31"), EDGE31);
        JsonNode hub = active(api.create("Deploy a UPF on hub31"), HUB31);

        // the labels are on the API, from the function, the site and the cluster's type
        assertThat(labels(edge))
                .containsEntry("app", "upf")
                .containsEntry("function-family", "5g-core")
                .containsEntry("site", "edge31")
                .containsEntry("tier", "edge");
        assertThat(labels(hub)).containsEntry("tier", "hub").containsEntry("site", "hub31");
        assertThat(client.get()
                        .uri("/api/v1/cnfs?function=UPF&page_size=100")
                        .headers(tokens.as("viewer"))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult()
                        .getResponseBody()
                        .path("items")
                        .valueStream()
                        .filter(c -> c.path("id").asString().equals(IntentApi.id(edge)))
                        .map(c -> c.path("labels").path("tier").asString()))
                .containsExactly("edge");

        UUID edgeOnly = loop.createRule(with(
                rule("sel-edge-heal", "fcaps", "faultFields.alarmCondition == 'SEL_EDGE'", "heal"),
                "cooldown",
                "PT0S",
                "target",
                Map.of("selector", "app=upf,tier in (edge),site in (edge31,hub31)")));
        UUID notEdge = loop.createRule(with(
                rule("sel-not-edge-heal", "fcaps", "faultFields.alarmCondition == 'SEL_EDGE'", "heal"),
                "cooldown",
                "PT0S",
                "target",
                Map.of("selector", "app=upf,tier!=edge,site in (edge31,hub31)")));
        UUID nothing = loop.createRule(with(
                rule("sel-far-edge-heal", "fcaps", "faultFields.alarmCondition == 'SEL_EDGE'", "heal"),
                "cooldown",
                "PT0S",
                "target",
                Map.of("selector", "app=upf,tier=far-edge,site in (edge31,hub31)")));
        EventEnvelope<FcapsEventSummary> event = fault("gnb-sel-31", "SEL_EDGE", "MAJOR");

        bus.append(event);

        assertThat(loop.awaitDecision(event.eventId(), edgeOnly)).isEqualTo("intent_created");
        assertThat(loop.awaitDecision(event.eventId(), notEdge)).isEqualTo("intent_created");
        assertThat(loop.awaitDecision(event.eventId(), nothing)).isEqualTo("no_target");
        assertThat(raised(event.eventId(), edgeOnly))
                .containsEntry("sites", "[\"edge31\"]")
                .containsEntry("functions", "[\"UPF\"]");
        assertThat(raised(event.eventId(), notEdge)).containsEntry("sites", "[\"hub31\"]");
        assertThat(jdbc.queryForObject(
                        "select reason from rule_decision where event_id = ? and rule_id = ?",
                        String.class,
                        event.eventId(),
                        nothing))
                .contains("selector 'app=upf,tier=far-edge,site in (edge31,hub31)' matches no running CNF");
        // the healing intent reaches the selected CNF only
        await().atMost(PATIENCE)
                .until(() -> api.cnf(IntentApi.id(edge)).path("state").asString(), state -> state.equals("UPDATING"));
    }

    @Test
    void shouldRefuseAnInvalidSelectorNamingTheField() {
        client.post()
                .uri("/api/v1/rules")
                .headers(tokens.as("admin"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(with(
                        rule("sel-invalid", "fcaps", "faultFields.alarmCondition == 'X'", "heal"),
                        "target",
                        Map.of("selector", "app in upf")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("target.selector")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat(message.toString()).contains("expected '('"));
        assertThat(jdbc.queryForObject("select count(*) from rule where name = 'sel-invalid'", Integer.class))
                .isZero();
    }

    @Test
    void shouldMigrateTheCnfToAnotherClusterOfItsSiteAndRetireTheOldOneOnceTheNewOneIsActive() {
        RealPlatform.onlineCluster(tokens, json, "k8s-edge32a", "edge32", EDGE32A, "EDGE", "eu-north");
        RealPlatform.onlineCluster(tokens, json, "k8s-edge32b", "edge32", EDGE32B, "EDGE", "eu-north");
        String deployment = api.create("Deploy a UPF on edge32");
        JsonNode planned = api.awaitCnf(deployment, "CONFIGURING");
        String oldCluster = planned.path("cluster_name").asString();
        KubernetesCluster oldApi = oldCluster.equals("k8s-edge32a") ? EDGE32A : EDGE32B;
        KubernetesCluster newApi = oldApi == EDGE32A ? EDGE32B : EDGE32A;
        JsonNode old = ready(planned, oldApi);

        UUID rule = loop.createRule(with(
                rule("mig-link-down", "fcaps", "faultFields.alarmCondition == 'MIG_LINK_DOWN'", "migrate"),
                "cooldown",
                "PT0S",
                "target",
                Map.of("function", "UPF", "site", "edge32")));
        EventEnvelope<FcapsEventSummary> event = fault(oldCluster, "MIG_LINK_DOWN", "CRITICAL");
        bus.append(event);

        assertThat(loop.awaitDecision(event.eventId(), rule)).isEqualTo("intent_created");
        Map<String, Object> intent = raised(event.eventId(), rule);
        assertThat(intent).containsEntry("intent_type", "HEALING").containsEntry("relocate", "true");
        String migration = intent.get("id").toString();

        UUID replacementId = await().atMost(PATIENCE)
                .until(
                        () -> jdbc.queryForList(
                                "select id from cnf where replaces_cnf_id = ? and state = 'CONFIGURING'",
                                UUID.class,
                                UUID.fromString(IntentApi.id(old))),
                        found -> found.size() == 1)
                .get(0);
        JsonNode replacement = api.cnf(replacementId.toString());
        assertThat(replacement.path("cluster_name").asString())
                .isNotEqualTo(oldCluster)
                .isIn("k8s-edge32a", "k8s-edge32b");
        assertThat(replacement.path("site").asString()).isEqualTo("edge32");
        assertThat(replacement.path("replaces_cnf_id").asString()).isEqualTo(IntentApi.id(old));
        // the old CNF keeps running until its replacement is Active
        assertThat(api.cnf(IntentApi.id(old)).path("state").asString()).isEqualTo("ACTIVE");

        ready(replacement, newApi);

        await().atMost(PATIENCE)
                .until(
                        () -> api.cnf(IntentApi.id(old)).path("state").asString(),
                        s -> s.equals("TERMINATING") || s.equals("DELETED"));
        assertThat(api.cnf(IntentApi.id(old))
                        .path("history")
                        .valueStream()
                        .map(t -> t.path("reason").asString()))
                .anySatisfy(reason -> assertThat(reason).contains("replaced by CNF " + replacementId));
        await().atMost(PATIENCE).until(() -> api.intentStatus(migration).equals("completed"));
    }

    @Test
    void shouldRecordWhyNothingWasDoneWhenNoOtherClusterCanTakeTheCnf() {
        RealPlatform.onlineCluster(tokens, json, "k8s-lonely33", "lonely33", LONELY33, "EDGE", "ap-lonely-1");
        JsonNode cnf = api.awaitCnf(api.create("Deploy a UPF on lonely33"), "CONFIGURING");

        UUID rule = loop.createRule(with(
                rule("mig-lonely", "fcaps", "faultFields.alarmCondition == 'MIG_LONELY'", "migrate"),
                "cooldown",
                "PT0S",
                "target",
                Map.of("function", "UPF", "site", "lonely33")));
        EventEnvelope<FcapsEventSummary> event = fault("k8s-lonely33", "MIG_LONELY", "CRITICAL");
        bus.append(event);

        assertThat(loop.awaitDecision(event.eventId(), rule)).isEqualTo("no_alternative");
        assertThat(jdbc.queryForObject(
                        "select reason from rule_decision where event_id = ? and rule_id = ?",
                        String.class,
                        event.eventId(),
                        rule))
                .contains("cannot move UPF off k8s-lonely33")
                .contains("region ap-lonely-1");
        assertThat(jdbc.queryForObject(
                        "select count(*) from intent where payload->>'correlation_id' = ?",
                        Integer.class,
                        event.eventId().toString()))
                .isZero();
        assertThat(api.cnf(IntentApi.id(cnf)).path("cluster_name").asString()).isEqualTo("k8s-lonely33");
    }

    private JsonNode active(String intent, KubernetesCluster cluster) {
        return ready(api.awaitCnf(intent, "CONFIGURING"), cluster);
    }

    private JsonNode ready(JsonNode cnf, KubernetesCluster cluster) {
        int replicas = cnf.path("replicas").asInt();
        cluster.deployment(
                cnf.path("namespace").asString(), cnf.path("package_name").asString(), replicas, replicas, 0);
        return api.awaitState(cnf, "ACTIVE");
    }

    private Map<String, String> labels(JsonNode cnf) {
        return json.convertValue(
                cnf.path("labels"), new tools.jackson.core.type.TypeReference<Map<String, String>>() {});
    }

    private Map<String, Object> raised(UUID event, UUID rule) {
        return jdbc.queryForMap(
                "select i.id, i.intent_type, i.payload->>'relocate' as relocate,"
                        + " (i.payload->'target_sites')::text as sites, (i.payload->'cnf_functions')::text as functions"
                        + " from rule_decision d join intent i on i.id = d.intent_id"
                        + " where d.event_id = ? and d.rule_id = ?",
                event,
                rule);
    }
}
