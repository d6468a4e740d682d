package dev.aiops.intent.closedloop;

import static dev.aiops.intent.closedloop.ClosedLoopFixtures.kpm;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.upfScaleOut;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.SecondReplica;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.observability.KpmReport;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.StreamSubscription;
import dev.aiops.platform.test.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@IntentIntegrationTest
class KpmClosedLoopTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventBus bus;

    private ClosedLoopApi loop;

    @BeforeEach
    void closedLoop() {
        loop = new ClosedLoopApi(client, tokens, jdbc, bus, PATIENCE);
    }

    @Autowired
    Environment environment;

    @Autowired
    @Qualifier("kpmReports")
    StreamSubscription kpmReports;

    @Test
    void shouldRaiseOneScaleOutIntentAfterTheHysteresisWindowsAndKeepTheCooldownAcrossARestart() {
        UUID rule = loop.createRule(onlyNode(upfScaleOut("upf-hysteresis", "edge-h"), "gnb-h"));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        List<UUID> first = loop.publishKpm("gnb-h", start, 0.91, 0.93, 0.95);

        assertThat(loop.awaitDecision(first.get(2), rule)).isEqualTo("intent_created");
        assertThat(loop.outcome(first.get(0), rule)).isEqualTo("hysteresis");
        assertThat(loop.outcome(first.get(1), rule)).isEqualTo("hysteresis");
        List<Map<String, Object>> intents = ruleIntents("upf-hysteresis");
        assertThat(intents).hasSize(1);
        Map<String, Object> intent = intents.get(0);
        assertThat(intent.get("intent_type")).isEqualTo("SCALING");
        assertThat(intent.get("source")).isEqualTo("rule");
        assertThat(intent.get("correlation_id")).isEqualTo(first.get(2).toString());
        assertThat(intent.get("functions")).isEqualTo("[\"UPF\"]");
        assertThat(intent.get("sites")).isEqualTo("[\"edge-h\"]");
        assertThat(Integer.parseInt((String) intent.get("replicas")))
                .isBetween(2, 4)
                .isEqualTo(3);
        assertThat((String) intent.get("text")).isEqualTo("Scale out UPF on edge-h: PRB 0.95 on gnb-h/cell-1");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(metrics())
                        .contains("planner_cooldown_active{cnf=\"cnf:UPF@edge-h\"} 1.0")
                        .contains("planner_intents_generated_total{action=\"scale_out\"}")
                        .contains("planner_rule_evaluation_duration_seconds_count")
                        .contains("planner_metrics_staleness_seconds")
                        .contains("planner_evaluate_seconds_count{"));

        List<UUID> second = loop.publishKpm("gnb-h", start.plusSeconds(90), 0.96, 0.97, 0.98);

        assertThat(loop.awaitDecision(second.get(2), rule)).isEqualTo("cooldown");
        assertThat(ruleIntents("upf-hysteresis")).hasSize(1);

        // the restart: this context stops consuming, a fresh one takes over the same group and database
        kpmReports.stop();
        try (ConfigurableApplicationContext restarted = SecondReplica.start(environment)) {
            List<UUID> third = loop.publishKpm("gnb-h", start.plusSeconds(180), 0.96, 0.97, 0.99);

            assertThat(loop.awaitDecision(third.get(2), rule)).isEqualTo("cooldown");
            assertThat(loop.outcome(third.get(0), rule)).isEqualTo("hysteresis");
            assertThat(ruleIntents("upf-hysteresis")).hasSize(1);
        } finally {
            kpmReports.start();
        }
    }

    @Test
    void shouldRecordStaleAndActOnNothingWhenTheReportIsOlderThanNinetySeconds() {
        loop.createRule(with(onlyNode(upfScaleOut("upf-stale", "edge-s"), "gnb-s"), "consecutive_windows", 1));
        EventEnvelope<KpmReport> old = kpm("gnb-s", "cell-1", Instant.now().minusSeconds(120), 0.99);
        Counter staleDecisions =
                meters.get("planner.decisions").tag("outcome", "stale").counter();
        double staleBefore = staleDecisions.count();

        bus.append(old);

        assertThat(loop.awaitDecision(old.eventId(), null)).isEqualTo("stale");
        assertThat(ruleIntents("upf-stale")).isEmpty();
        // what the closed-loop dashboard and the stale-data alert read
        assertThat(staleDecisions.count() - staleBefore).isEqualTo(1.0);
        assertThat(meters.get("planner.metrics.staleness.seconds").gauge().value())
                .isGreaterThanOrEqualTo(120.0);
        client.get()
                .uri("/api/v1/rules/decisions?event_id={id}", old.eventId())
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].outcome")
                .isEqualTo("stale")
                .jsonPath("$.items[0].details.node_id")
                .isEqualTo("gnb-s");
    }

    @Test
    void shouldRecordMissingDataAndActOnNothingWhenTheMeasurementIsAbsent() {
        UUID rule = loop.createRule(with(upfScaleOut("upf-missing", "edge-m"), "consecutive_windows", 1));
        EventEnvelope<KpmReport> empty = kpm("gnb-m", "cell-1", Instant.now(), null);

        bus.append(empty);

        assertThat(loop.awaitDecision(empty.eventId(), rule)).isEqualTo("missing_data");
        assertThat(ruleIntents("upf-missing")).isEmpty();
        disable(rule, with(upfScaleOut("upf-missing", "edge-m"), "consecutive_windows", 1));
    }

    @Test
    void shouldRecordAtMaxReplicasInsteadOfScalingWhenTheBoundIsReached() {
        UUID rule = loop.createRule(with(
                onlyNode(upfScaleOut("upf-at-max", "edge-x"), "gnb-x"),
                "consecutive_windows",
                1,
                "min_replicas",
                3,
                "max_replicas",
                3 + 1));
        runningCnf("edge-x", 4); // the target already runs at max
        EventEnvelope<KpmReport> high = kpm("gnb-x", "cell-1", Instant.now(), 0.99);

        bus.append(high);

        assertThat(loop.awaitDecision(high.eventId(), rule)).isEqualTo("at_max_replicas");
        assertThat(ruleIntents("upf-at-max")).isEmpty();
    }

    @Test
    void shouldScaleInByOneFromTheRunningCountOnlyAfterItsOwnWindowsBelowTheLowMark() {
        Map<String, Object> scaleIn = with(
                upfScaleOut("upf-scale-in", "edge-i"),
                "condition",
                "kpm.node_id == 'gnb-i' && kpm.prb_utilization < 0.3",
                "action",
                "scale_in",
                "consecutive_windows",
                2,
                "intent_template",
                "Scale in UPF on edge-i");
        UUID rule = loop.createRule(scaleIn);
        runningCnf("edge-i", 4);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        List<UUID> windows = loop.publishKpm("gnb-i", start, 0.2, 0.5, 0.2, 0.1);

        assertThat(loop.awaitDecision(windows.get(3), rule)).isEqualTo("intent_created");
        assertThat(loop.outcome(windows.get(0), rule)).isEqualTo("hysteresis");
        assertThat(loop.outcome(windows.get(1), rule)).isNull(); // above the low mark: the count starts over
        assertThat(loop.outcome(windows.get(2), rule)).isEqualTo("hysteresis");
        List<Map<String, Object>> intents = ruleIntents("upf-scale-in");
        assertThat(intents).hasSize(1);
        assertThat(intents.get(0))
                .containsEntry("replicas", "3")
                .containsEntry("correlation_id", windows.get(3).toString());
    }

    private static Map<String, Object> onlyNode(Map<String, Object> rule, String node) {
        return with(rule, "condition", "kpm.node_id == '" + node + "' && " + rule.get("condition"));
    }

    /** A CNF row as the cnf package writes it for a deployed intent. */
    private void runningCnf(String site, int replicas) {
        UUID deployed = UUID.randomUUID();
        jdbc.update(
                "insert into intent (id, intent_type, status, payload) values (?, 'DEPLOYMENT', 'COMPLETED', '{}')",
                deployed);
        jdbc.update(
                "insert into cnf (id, intent_id, name, function, cluster_id, cluster_name, site, namespace, state,"
                        + " replicas, resources, package_name) values (?, ?, ?, 'UPF', ?, ?, ?, 'core', 'ACTIVE', ?,"
                        + " '{}', ?)",
                UUID.randomUUID(),
                deployed,
                "upf-" + site,
                UUID.randomUUID(),
                site,
                site,
                replicas,
                "upf-" + site);
    }

    private void disable(UUID rule, Map<String, Object> body) {
        client.put()
                .uri("/api/v1/rules/{id}", rule)
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(with(body, "enabled", false))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private List<Map<String, Object>> ruleIntents(String ruleName) {
        return jdbc.queryForList(
                "select intent_type, text, payload->>'source' as source, payload->>'correlation_id' as correlation_id,"
                        + " payload->>'replicas' as replicas, (payload->'cnf_functions')::text as functions,"
                        + " (payload->'target_sites')::text as sites from intent where name like ?",
                ruleName + "-%");
    }

    private String metrics() {
        return client.get()
                .uri("/actuator/prometheus")
                .headers(tokens.as("admin"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
