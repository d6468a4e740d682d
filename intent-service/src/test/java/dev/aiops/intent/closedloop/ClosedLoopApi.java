package dev.aiops.intent.closedloop;

import static dev.aiops.intent.closedloop.ClosedLoopFixtures.kpm;
import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.observability.KpmReport;
import dev.aiops.platform.events.EventBus;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The closed loop as its tests drive it: rules created through the API, KPM windows put on the stream as the
 * collector does, and the decision recorded for an event read back.
 */
final class ClosedLoopApi {

    private final RestTestClient client;
    private final Tokens tokens;
    private final JdbcTemplate jdbc;
    private final EventBus bus;
    private final Duration patience;

    ClosedLoopApi(RestTestClient client, Tokens tokens, JdbcTemplate jdbc, EventBus bus, Duration patience) {
        this.client = client;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.bus = bus;
        this.patience = patience;
    }

    /** Creates the rule as an admin and returns its id. */
    UUID createRule(Map<String, Object> body) {
        return UUID.fromString(client.post()
                .uri("/api/v1/rules")
                .headers(tokens.as("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseHeaders()
                .getLocation()
                .getPath()
                .replace("/api/v1/rules/", ""));
    }

    /** Consecutive 30 s windows of one cell of {@code node}, the first ending at {@code firstWindow}. */
    List<UUID> publishKpm(String node, Instant firstWindow, double... prb) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < prb.length; i++) {
            EventEnvelope<KpmReport> report = kpm(node, "cell-1", firstWindow.plusSeconds(30L * i), prb[i]);
            bus.append(report);
            ids.add(report.eventId());
        }
        return ids;
    }

    /** The decision on {@code event} for {@code rule} (or for the event as a whole when null), once made. */
    String awaitDecision(UUID event, UUID rule) {
        return await().atMost(patience).until(() -> outcome(event, rule), outcome -> outcome != null);
    }

    /** The decision on {@code event} for {@code rule} (or for the event as a whole when null), if any yet. */
    String outcome(UUID event, UUID rule) {
        List<String> outcomes = rule == null
                ? jdbc.queryForList(
                        "select outcome from rule_decision where event_id = ? and rule_id is null", String.class, event)
                : jdbc.queryForList(
                        "select outcome from rule_decision where event_id = ? and rule_id = ?",
                        String.class,
                        event,
                        rule);
        return outcomes.isEmpty() ? null : outcomes.get(0);
    }
}
