package dev.aiops.intent.closedloop;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The owner of the closed loop's memory: cooldowns, KPM hysteresis streaks, FCAPS dedup and burst windows.
 * It lives in PostgreSQL so a restart never resets it and every replica sees the same; each check and its
 * update happen under a lock held until the caller's transaction ends, so two replicas cannot both pass a
 * check and act.
 */
@Repository
class ClosedLoopState {

    private final JdbcTemplate jdbc;

    ClosedLoopState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Serializes everything about one target (or dedup key) until the transaction ends. */
    void lock(String key) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 0))", key);
    }

    /** The end of the target's cooldown if it is still running at {@code now}. Call under {@link #lock}. */
    Optional<Instant> cooldownUntil(String target, Instant now) {
        return jdbc
                .query(
                        "select until from rule_cooldown where target = ? and until > ?",
                        (rs, n) -> rs.getTimestamp(1).toInstant(),
                        target,
                        Timestamp.from(now))
                .stream()
                .findFirst();
    }

    void startCooldown(String target, Instant until, UUID ruleId, UUID eventId, UUID intentId) {
        jdbc.update(
                "insert into rule_cooldown (target, until, rule_id, event_id, intent_id) values (?, ?, ?, ?, ?)"
                        + " on conflict (target) do update set until = excluded.until, rule_id = excluded.rule_id,"
                        + " event_id = excluded.event_id, intent_id = excluded.intent_id",
                target,
                Timestamp.from(until),
                ruleId,
                eventId,
                intentId);
    }

    /** Targets in cooldown at {@code now}, for the {@code planner_cooldown_active} gauge. */
    List<String> coolingDown(Instant now) {
        return jdbc.queryForList("select target from rule_cooldown where until > ?", String.class, Timestamp.from(now));
    }

    /**
     * Counts one more window in which the rule's condition held for the cell and returns the streak. A window
     * already counted (a report repeated) does not count again; a gap longer than {@code maxGap} or a new rule
     * version starts over. The row stays locked until the transaction ends.
     */
    int countWindow(UUID ruleId, int version, String node, String cell, Instant window, Duration maxGap) {
        return jdbc.queryForObject(
                "insert into rule_window_streak as s (rule_id, rule_version, node_id, cell_id, streak, last_window)"
                        + " values (?, ?, ?, ?, 1, ?) on conflict (rule_id, node_id, cell_id) do update set"
                        + " streak = case"
                        + "   when excluded.rule_version <> s.rule_version then 1"
                        + "   when excluded.last_window <= s.last_window then s.streak"
                        + "   when s.streak = 0 or excluded.last_window - s.last_window > ? * interval '1 millisecond'"
                        + "     then 1"
                        + "   else s.streak + 1 end,"
                        + " rule_version = excluded.rule_version,"
                        + " last_window = greatest(s.last_window, excluded.last_window)"
                        + " returning streak",
                Integer.class,
                ruleId,
                version,
                node,
                cell,
                Timestamp.from(window),
                maxGap.toMillis());
    }

    /** The condition did not hold (or could not be evaluated) for these rules: their streaks restart. */
    void breakStreaks(Collection<UUID> ruleIds, String node, String cell) {
        if (ruleIds.isEmpty()) {
            return;
        }
        jdbc.update(
                "update rule_window_streak set streak = 0 where node_id = ? and cell_id = ? and streak > 0"
                        + " and rule_id = any (string_to_array(?, ',')::uuid[])",
                node,
                cell,
                String.join(",", ruleIds.stream().map(UUID::toString).toList()));
    }

    /** After an action (or a refusal by cooldown or bounds) the next one needs a full streak again. */
    void resetStreak(UUID ruleId, String node, String cell) {
        jdbc.update(
                "update rule_window_streak set streak = 0 where rule_id = ? and node_id = ? and cell_id = ?",
                ruleId,
                node,
                cell);
    }

    /** An earlier action of the rule on this source and condition still inside its dedup window. Call under {@link #lock}. */
    Optional<Dedup> dedup(String key, UUID ruleId, Instant now) {
        return jdbc
                .query(
                        "select severity, event_id, intent_id from fcaps_dedup where dedup_key = ? and rule_id = ?"
                                + " and until > ?",
                        (rs, n) -> new Dedup(
                                rs.getInt("severity"),
                                rs.getObject("event_id", UUID.class),
                                rs.getObject("intent_id", UUID.class)),
                        key,
                        ruleId,
                        Timestamp.from(now))
                .stream()
                .findFirst();
    }

    record Dedup(int severity, UUID eventId, UUID intentId) {}

    void remember(String key, UUID ruleId, Instant until, int severity, UUID eventId, UUID intentId) {
        jdbc.update(
                "insert into fcaps_dedup (dedup_key, rule_id, until, severity, event_id, intent_id)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (dedup_key, rule_id) do update set"
                        + " until = excluded.until, severity = excluded.severity, event_id = excluded.event_id,"
                        + " intent_id = excluded.intent_id",
                key,
                ruleId,
                Timestamp.from(until),
                severity,
                eventId,
                intentId);
    }

    /** Events of the source in its current burst window, this one included, and the intent the window raised. */
    record Burst(int events, UUID intentId) {}

    /** Counts the event in the source's window (a new window once {@code window} has passed); locks the row. */
    Burst touchBurst(String source, Instant now, Duration window) {
        return jdbc.queryForObject(
                "insert into fcaps_burst as b (source_name, window_start, events) values (?, ?, 1)"
                        + " on conflict (source_name) do update set"
                        + " events = case when b.window_start <= ? then 1 else b.events + 1 end,"
                        + " intent_id = case when b.window_start <= ? then null else b.intent_id end,"
                        + " window_start = case when b.window_start <= ? then excluded.window_start"
                        + "   else b.window_start end"
                        + " returning events, intent_id",
                (rs, n) -> new Burst(rs.getInt("events"), rs.getObject("intent_id", UUID.class)),
                source,
                Timestamp.from(now),
                Timestamp.from(now.minus(window)),
                Timestamp.from(now.minus(window)),
                Timestamp.from(now.minus(window)));
    }

    void burstIntent(String source, UUID intentId) {
        jdbc.update("update fcaps_burst set intent_id = ? where source_name = ?", intentId, source);
    }
}
