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
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * One trace from the event to the intent: a VES fault put on the fcaps stream inside a span (as the collector's
 * listener does inside its request span) is evaluated by the rules in a span of the same trace, and the intent
 * the rule raises is announced (INTENT_CREATED, through the outbox) with that trace's context too.
 */
@IntentIntegrationTest
class EventToIntentTraceTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventBus bus;

    @Autowired
    Tracer tracer;

    @Test
    void shouldRaiseTheIntentInTheTraceOfTheEventThatTriggeredIt() {
        ClosedLoopApi loop = new ClosedLoopApi(client, tokens, jdbc, bus, Duration.ofSeconds(60));
        UUID rule = loop.createRule(with(
                rule("traced-heal", "fcaps", "faultFields.alarmCondition == 'TRACED'", "heal"), "cooldown", "PT0S"));
        EventEnvelope<FcapsEventSummary> event = fault("gnb-traced-01", "TRACED", "MAJOR");

        Span accepted = tracer.nextSpan().name("ves accepted").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(accepted)) {
            bus.append(event);
        } finally {
            accepted.end();
        }
        String traceId = accepted.context().traceId();

        assertThat(loop.awaitDecision(event.eventId(), rule)).isEqualTo("intent_created");
        UUID intent = jdbc.queryForObject(
                "select intent_id from rule_decision where event_id = ? and rule_id = ?",
                UUID.class,
                event.eventId(),
                rule);
        String traceContext = jdbc.queryForObject(
                "select trace_context from outbox_event where event_type = 'INTENT_CREATED' and envelope like ?",
                String.class,
                "%" + intent + "%");
        assertThat(traceContext)
                .contains("\"traceparent\":\"00-" + traceId + "-")
                // a span of its own (the rule evaluation in the consumer's span), not the emitter's
                .doesNotContain(accepted.context().spanId());
    }
}
