package dev.aiops.intent.closedloop;

import static dev.aiops.intent.closedloop.ClosedLoopFixtures.fault;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.rule;
import static dev.aiops.intent.closedloop.ClosedLoopFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@IntentIntegrationTest
class FcapsClosedLoopTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

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

    @Test
    void shouldRaiseOneHealingIntentAndDeduplicateRepeatsWhenTheSameSourceReportsTheSameAlarm() {
        UUID rule = loop.createRule(with(
                rule("link-down-migration", "fcaps", "faultFields.alarmCondition == 'LINK_DOWN'", "heal"),
                "cooldown",
                "PT300S",
                "intent_template",
                "Migrate workloads away from {commonEventHeader.sourceName}: {faultFields.alarmCondition}"));

        List<EventEnvelope<FcapsEventSummary>> events = List.of(
                fault("gnb-dedup-01", "LINK_DOWN", "MAJOR"),
                fault("gnb-dedup-01", "LINK_DOWN", "MAJOR"),
                fault("gnb-dedup-01", "LINK_DOWN", "MINOR"));
        events.forEach(bus::append);

        assertThat(loop.awaitDecision(events.get(2).eventId(), rule)).isEqualTo("deduplicated");
        assertThat(loop.outcome(events.get(0).eventId(), rule)).isEqualTo("intent_created");
        assertThat(loop.outcome(events.get(1).eventId(), rule)).isEqualTo("deduplicated");
        List<Map<String, Object>> intents = intents("link-down-migration");
        assertThat(intents).hasSize(1);
        assertThat(intents.get(0))
                .containsEntry("intent_type", "HEALING")
                .containsEntry("source", "rule")
                .containsEntry("correlation_id", events.get(0).eventId().toString())
                .containsEntry("text", "Migrate workloads away from gnb-dedup-01: LINK_DOWN");
    }

    @Test
    void shouldLetAMoreSevereEventThroughTheDedupWindow() {
        UUID rule = loop.createRule(
                with(rule("power-heal", "fcaps", "faultFields.alarmCondition == 'POWER'", "heal"), "cooldown", "PT0S"));

        EventEnvelope<FcapsEventSummary> major = fault("gnb-sev-01", "POWER", "MAJOR");
        EventEnvelope<FcapsEventSummary> again = fault("gnb-sev-01", "POWER", "MAJOR");
        EventEnvelope<FcapsEventSummary> critical = fault("gnb-sev-01", "POWER", "CRITICAL");
        List.of(major, again, critical).forEach(bus::append);

        assertThat(loop.awaitDecision(critical.eventId(), rule)).isEqualTo("intent_created");
        assertThat(loop.outcome(major.eventId(), rule)).isEqualTo("intent_created");
        assertThat(loop.outcome(again.eventId(), rule)).isEqualTo("deduplicated");
        assertThat(intents("power-heal")).hasSize(2);
    }

    @Test
    void shouldCorrelateABurstFromOneSourceIntoOneIntentOnceItExceedsFiveEventsAMinute() {
        UUID rule = loop.createRule(with(
                rule("any-fault-heal", "fcaps", "faultFields.alarmCondition.startsWith('BURST')", "heal"),
                "cooldown",
                "PT0S"));
        List<EventEnvelope<FcapsEventSummary>> burst = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            burst.add(fault("gnb-burst-01", "BURST_" + i, "MAJOR"));
        }
        burst.forEach(bus::append);

        assertThat(loop.awaitDecision(burst.get(7).eventId(), rule)).isEqualTo("correlated");
        List<String> outcomes =
                burst.stream().map(e -> loop.outcome(e.eventId(), rule)).toList();
        assertThat(outcomes.subList(0, 5)).containsOnly("intent_created");
        assertThat(outcomes.subList(5, 8)).containsOnly("correlated");
        UUID fifth = jdbc.queryForObject(
                "select intent_id from rule_decision where event_id = ?",
                UUID.class,
                burst.get(4).eventId());
        assertThat(jdbc.queryForList(
                        "select distinct intent_id from rule_decision where event_id in (?, ?, ?)",
                        UUID.class,
                        burst.get(5).eventId(),
                        burst.get(6).eventId(),
                        burst.get(7).eventId()))
                .containsExactly(fifth);
        assertThat(intents("any-fault-heal")).hasSize(5);
    }

    @Test
    void shouldRecordNoMatchWhenNoEnabledRuleMatchesTheEvent() {
        loop.createRule(rule("never-matches", "fcaps", "faultFields.alarmCondition == 'NEVER'", "heal"));
        EventEnvelope<FcapsEventSummary> other = fault("gnb-other-01", "FAN_SPEED", "MINOR");

        bus.append(other);

        assertThat(loop.awaitDecision(other.eventId(), null)).isEqualTo("no_match");
    }

    @Test
    void shouldNotActOnAClearUnlessTheRuleReadsTheSeverity() {
        UUID onAlarm = loop.createRule(with(
                rule("clear-guard-heal", "fcaps", "faultFields.alarmCondition == 'CLR_LINK'", "heal"),
                "cooldown",
                "PT0S"));

        // the alarm clears: same condition, eventSeverity NORMAL; a rule that does not read the severity ignores it
        EventEnvelope<FcapsEventSummary> clear = fault("gnb-clear-01", "CLR_LINK", "NORMAL");
        bus.append(clear);
        assertThat(loop.awaitDecision(clear.eventId(), null)).isEqualTo("cleared");
        assertThat(loop.outcome(clear.eventId(), onAlarm)).isNull();

        // a rule that asks for the clear gets it, and the other still ignores it
        UUID onClear = loop.createRule(with(
                rule(
                        "clear-guard-recovered",
                        "fcaps",
                        "faultFields.alarmCondition == 'CLR_LINK' && faultFields.eventSeverity == 'NORMAL'",
                        "heal"),
                "cooldown",
                "PT0S"));
        EventEnvelope<FcapsEventSummary> secondClear = fault("gnb-clear-02", "CLR_LINK", "NORMAL");
        bus.append(secondClear);
        assertThat(loop.awaitDecision(secondClear.eventId(), onClear)).isEqualTo("intent_created");
        assertThat(loop.outcome(secondClear.eventId(), onAlarm)).isNull();
        client.delete()
                .uri("/api/v1/rules/{id}", onClear)
                .headers(tokens.as("admin"))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();

        // the alarm itself still triggers the rule that ignores clears
        EventEnvelope<FcapsEventSummary> alarm = fault("gnb-clear-03", "CLR_LINK", "MAJOR");
        bus.append(alarm);
        assertThat(loop.awaitDecision(alarm.eventId(), onAlarm)).isEqualTo("intent_created");
        assertThat(intents("clear-guard-heal")).hasSize(1);
    }

    private List<Map<String, Object>> intents(String ruleName) {
        return jdbc.queryForList(
                "select intent_type, text, payload->>'source' as source, payload->>'correlation_id' as correlation_id"
                        + " from intent where name like ? order by created_at",
                ruleName + "-%");
    }
}
