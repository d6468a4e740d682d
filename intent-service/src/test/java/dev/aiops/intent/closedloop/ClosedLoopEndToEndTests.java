package dev.aiops.intent.closedloop;

import static dev.aiops.intent.closedloop.ClosedLoopFixtures.upfScaleOut;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intent.support.IntentApi;
import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.KubernetesCluster;
import dev.aiops.intent.support.PorchStubs;
import dev.aiops.intent.support.RealPlatform;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The closed loop end to end on the real services: a UPF deployed through the real porch-adapter and Active
 * on its cluster, a KPM rule, three 30 s windows above the mark on the KPM stream → exactly one scale-out
 * intent from the rule → a second published package revision with one replica more → Scaling → Active once
 * the cluster reports the new pods ready; a second burst inside the cooldown is recorded and not acted on.
 */
@IntentIntegrationTest
class ClosedLoopEndToEndTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final KubernetesCluster CLUSTER = new KubernetesCluster();

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    private IntentApi api;

    private ClosedLoopApi loop;

    @Autowired
    EventBus bus;

    @AfterAll
    static void stopCluster() {
        CLUSTER.close();
    }

    @BeforeEach
    void realServices() {
        api = new IntentApi(client, tokens, jdbc);
        loop = new ClosedLoopApi(client, tokens, jdbc, bus, PATIENCE);
        RealPlatform.realPorch();
        RealPlatform.onlineCluster(tokens, json, "k8s-edge8", "edge8", CLUSTER);
    }

    @Test
    void shouldScaleTheUpfOutThroughANewRevisionAfterThreeHotWindowsAndHoldTheCooldown() throws Exception {
        String deployment = api.create("Deploy a UPF with 2 replicas on edge8");
        JsonNode cnf = api.awaitCnf(deployment, "CONFIGURING");
        String pkg = cnf.path("package_name").asString();
        String namespace = cnf.path("namespace").asString();
        CLUSTER.deployment(namespace, pkg, 2, 2, 0);
        api.awaitState(cnf, "ACTIVE");

        UUID rule = loop.createRule(with(
                upfScaleOut("upf-loop", "edge8"),
                "condition",
                "kpm.node_id == 'gnb-edge8' && kpm.prb_utilization > 0.85",
                "max_replicas",
                10));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        List<UUID> hot = loop.publishKpm("gnb-edge8", start, 0.91, 0.93, 0.95);

        List<Map<String, Object>> raised = await().atMost(PATIENCE).until(this::ruleIntents, r -> !r.isEmpty());
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0))
                .containsEntry("source", "rule")
                .containsEntry("correlation_id", hot.get(2).toString())
                .containsEntry("replicas", "3");
        String scaling = raised.get(0).get("id").toString();

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.cnf(IntentApi.id(cnf))
                                .path("package_revision")
                                .asInt())
                        .isEqualTo(2));
        assertThat(api.cnf(IntentApi.id(cnf)).path("state").asString()).isEqualTo("SCALING");
        Deployment v2 = PorchStubs.parseDeployment(RealPlatform.git("show", pkg + "/v2:" + pkg + "/deployment.yaml"));
        assertThat(v2.getSpec().getReplicas()).isEqualTo(3);

        CLUSTER.deployment(namespace, pkg, 3, 3, 1);
        assertThat(api.awaitState(cnf, "ACTIVE").path("ready_replicas").asInt()).isEqualTo(3);
        await().atMost(PATIENCE).until(() -> api.intentStatus(scaling).equals("completed"));

        // still hot, but inside the rule's 5 minutes of cooldown for this UPF
        List<UUID> again = loop.publishKpm("gnb-edge8", start.plusSeconds(90), 0.96, 0.97, 0.98);
        assertThat(loop.awaitDecision(again.get(2), rule)).isEqualTo("cooldown");
        assertThat(ruleIntents()).hasSize(1);
        assertThat(api.cnf(IntentApi.id(cnf)).path("package_revision").asInt()).isEqualTo(2);
    }

    private List<Map<String, Object>> ruleIntents() {
        return jdbc.queryForList(
                "select id, payload->>'source' as source, payload->>'correlation_id' as correlation_id,"
                        + " payload->>'replicas' as replicas from intent where name like 'upf-loop-%'");
    }
}
