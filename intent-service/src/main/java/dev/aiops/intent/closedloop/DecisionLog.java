package dev.aiops.intent.closedloop;

import dev.aiops.model.cnf.RuleDecisionView;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The owner of {@code rule_decision}: the audit trail of the closed loop. Callers hold the transaction. */
@Repository
class DecisionLog {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    /** Why something was or was not done; lowercase on the wire. */
    enum Outcome {
        EVALUATING,
        INTENT_CREATED,
        NO_MATCH,
        HYSTERESIS,
        COOLDOWN,
        DEDUPLICATED,
        CORRELATED,
        STALE,
        MISSING_DATA,
        AT_MAX_REPLICAS,
        AT_MIN_REPLICAS,
        CONDITION_ERROR,
        /** The rule's target (label selector, function, the event's source) resolves to no CNF to act on. */
        NO_TARGET,
        /** A migration with no other eligible cluster for a CNF. */
        NO_ALTERNATIVE,
        /** A clear (eventSeverity NORMAL) that no rule reading the severity considered. */
        CLEARED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Filter(UUID eventId, UUID ruleId, String outcome) {}

    /** The event a decision is about. */
    record Event(UUID id, String type) {}

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Map<Outcome, Counter> decided = new EnumMap<>(Outcome.class);

    DecisionLog(JdbcTemplate jdbc, JsonMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        // every final outcome from the start, so the closed-loop dashboard and the stale-data alert see 0
        for (Outcome outcome : Outcome.values()) {
            if (outcome != Outcome.EVALUATING) {
                decided.put(
                        outcome,
                        Counter.builder("planner.decisions")
                                .description("Closed-loop decisions by outcome (counted when written, so a"
                                        + " rolled-back transaction may count one that the log does not keep)")
                                .tag("outcome", outcome.wire())
                                .register(meters));
            }
        }
    }

    /**
     * Claims (event, rule): the first caller gets the row to settle, a later one (a redelivery, another
     * replica) gets nothing and must not act. The insert waits for a concurrent claimer to finish.
     */
    OptionalLong claim(Event event, RuleCatalog.ActiveRule rule) {
        List<Long> ids = jdbc.queryForList(
                "insert into rule_decision (event_id, event_type, rule_id, rule_name, rule_version, outcome)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (event_id, rule_id) do nothing returning id",
                Long.class,
                event.id(),
                event.type(),
                rule.id(),
                rule.rule().name(),
                rule.version(),
                Outcome.EVALUATING.wire());
        return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(0));
    }

    void settle(long id, Outcome outcome, String reason, String target, UUID intentId, Map<String, Object> details) {
        count(
                outcome,
                jdbc.update(
                        "update rule_decision set outcome = ?, reason = ?, target = ?, intent_id = ?, details = ?::jsonb"
                                + " where id = ?",
                        outcome.wire(),
                        truncate(reason),
                        target,
                        intentId,
                        json.writeValueAsString(details),
                        id));
    }

    /** A decision that needs no claim: about the event as a whole, or one that never acts. */
    void record(Event event, RuleCatalog.ActiveRule rule, Outcome outcome, String reason, Map<String, Object> details) {
        count(
                outcome,
                jdbc.update(
                        "insert into rule_decision (event_id, event_type, rule_id, rule_name, rule_version, outcome, reason,"
                                + " details) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (event_id, rule_id) do nothing",
                        event.id(),
                        event.type(),
                        rule == null ? null : rule.id(),
                        rule == null ? null : rule.rule().name(),
                        rule == null ? null : rule.version(),
                        outcome.wire(),
                        truncate(reason),
                        json.writeValueAsString(details)));
    }

    private void count(Outcome outcome, int rows) {
        if (rows > 0) {
            decided.get(outcome).increment();
        }
    }

    PagedResponse<RuleDecisionView> list(Filter filter, PageQuery paging) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (filter.eventId() != null) {
            where.append(" and event_id = ?");
            args.add(filter.eventId());
        }
        if (filter.ruleId() != null) {
            where.append(" and rule_id = ?");
            args.add(filter.ruleId());
        }
        if (filter.outcome() != null) {
            where.append(" and outcome = ?");
            args.add(filter.outcome().toLowerCase(Locale.ROOT));
        }
        Long total = jdbc.queryForObject("select count(*) from rule_decision" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(paging.pageSize());
        pageArgs.add(paging.offset());
        List<RuleDecisionView> items = jdbc.query(
                "select * from rule_decision" + where + " order by decided_at desc, id desc limit ? offset ?",
                (rs, n) -> new RuleDecisionView(
                        rs.getLong("id"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getObject("rule_id", UUID.class),
                        rs.getString("rule_name"),
                        (Integer) rs.getObject("rule_version"),
                        rs.getString("outcome"),
                        rs.getString("reason"),
                        rs.getString("target"),
                        rs.getObject("intent_id", UUID.class),
                        json.readValue(rs.getString("details"), JSON_OBJECT),
                        rs.getTimestamp("decided_at").toInstant()),
                pageArgs.toArray());
        return PagedResponse.of(items, total == null ? 0 : total, paging);
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 1024 ? reason : reason.substring(0, 1021) + "...";
    }
}
