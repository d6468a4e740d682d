package dev.aiops.intent.closedloop;

import static dev.aiops.intent.closedloop.ClosedLoopFixtures.fault;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.rule;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.SecondReplica;
import dev.aiops.model.cnf.RuleSource;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.events.ProcessedEvents;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/** Two replicas of the service on one database and one stream group. */
@IntentIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

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
    ClosedLoopPlanner planner;

    @Autowired
    ProcessedEvents processed;

    private ConfigurableApplicationContext second;

    @BeforeAll
    void startSecondReplica() {
        second = SecondReplica.start(environment);
    }

    @AfterAll
    void stopSecondReplica() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void shouldActOncePerEventWhenTwoReplicasConsumeTheGroupAndEveryEventIsDeliveredTwice() {
        UUID rule = loop.createRule(with(
                rule("replica-heal", "fcaps", "faultFields.alarmCondition == 'REPLICA'", "heal"), "cooldown", "PT0S"));
        awaitRuleOnSecondReplica(rule, 1);
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            EventEnvelope<FcapsEventSummary> event = fault("gnb-replica-" + i, "REPLICA", "MAJOR");
            bus.append(event);
            bus.append(event); // a redelivery: same event id, second stream entry
            events.add(event.eventId());
        }

        await().atMost(PATIENCE).until(() -> decided(events, rule) == events.size());

        List<Map<String, Object>> intents = jdbc.queryForList(
                "select payload->>'correlation_id' as correlation_id from intent where name like 'replica-heal-%'");
        assertThat(intents).hasSize(events.size());
        assertThat(intents.stream().map(row -> row.get("correlation_id")).distinct())
                .containsExactlyInAnyOrderElementsOf(
                        events.stream().map(UUID::toString).toList());
        assertThat(jdbc.queryForList(
                        "select distinct outcome from rule_decision where rule_id = ?", String.class, rule))
                .containsExactly("intent_created");
    }

    @Test
    void shouldActOnceWhenTwoEvaluationsOfOneEventRaceOutsideTheStreamLedger() throws Exception {
        UUID rule = loop.createRule(
                with(rule("race-heal", "fcaps", "faultFields.alarmCondition == 'RACE'", "heal"), "cooldown", "PT0S"));
        EventEnvelope<JsonNode> event = bus.fromJson(bus.toJson(fault("gnb-race-01", "RACE", "CRITICAL")));
        CyclicBarrier together = new CyclicBarrier(2);

        // two consumer groups so the processed-event ledger does not serialize them: only the rule claim does
        List<CompletableFuture<Boolean>> runs = new ArrayList<>();
        for (String group : List.of("race-a", "race-b")) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                    return processed.runOnce(group, event.eventId(), () -> planner.onFcaps(event));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Boolean> run : runs) {
            assertThat(run.get()).isTrue();
        }

        assertThat(jdbc.queryForObject("select count(*) from intent where name like 'race-heal-%'", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from rule_decision where event_id = ? and rule_id = ?",
                        Long.class,
                        event.eventId(),
                        rule))
                .isEqualTo(1);
    }

    @Test
    void shouldShowARuleEditOnTheOtherReplicaWithinThePollInterval() {
        Map<String, Object> body = rule("edited-elsewhere", "fcaps", "faultFields.alarmCondition == 'A'", "heal");
        UUID rule = loop.createRule(body);
        awaitRuleOnSecondReplica(rule, 1);

        client.put()
                .uri("/api/v1/rules/{id}", rule)
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(with(body, "condition", "faultFields.alarmCondition == 'B'"))
                .exchange()
                .expectStatus()
                .isOk();

        RuleCatalog.ActiveRule seen = awaitRuleOnSecondReplica(rule, 2);
        assertThat(seen.rule().condition()).isEqualTo("faultFields.alarmCondition == 'B'");
    }

    private RuleCatalog.ActiveRule awaitRuleOnSecondReplica(UUID rule, int version) {
        RuleCatalog catalog = second.getBean(RuleCatalog.class);
        return await().atMost(PATIENCE)
                .until(
                        () -> catalog.rules(RuleSource.FCAPS).stream()
                                .filter(active -> active.id().equals(rule) && active.version() == version)
                                .findFirst()
                                .orElse(null),
                        active -> active != null);
    }

    private long decided(List<UUID> events, UUID rule) {
        return events.stream()
                .filter(event -> jdbc.queryForObject(
                                "select count(*) from rule_decision where event_id = ? and rule_id = ?",
                                Long.class,
                                event,
                                rule)
                        > 0)
                .count();
    }
}
