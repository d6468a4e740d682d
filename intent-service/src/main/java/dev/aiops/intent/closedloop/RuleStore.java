package dev.aiops.intent.closedloop;

import dev.aiops.model.cnf.Rule;
import dev.aiops.model.cnf.RuleAction;
import dev.aiops.model.cnf.RuleSource;
import dev.aiops.model.cnf.RuleTarget;
import dev.aiops.model.cnf.RuleView;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/** The owner of {@code rule} and {@code rule_history}. Callers hold the transaction. */
@Repository
class RuleStore {

    private static final String COLUMNS = "id, name, source, condition, action, target, priority, cooldown_seconds,"
            + " min_replicas, max_replicas, consecutive_windows, intent_template, enabled, deleted, version,"
            + " updated_by, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RowMapper<RuleView> views;

    RuleStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.views = this::view;
    }

    RuleView insert(UUID id, Rule rule, String by) {
        jdbc.update(
                "insert into rule (id, name, source, condition, action, target, priority, cooldown_seconds,"
                        + " min_replicas, max_replicas, consecutive_windows, intent_template, enabled, version,"
                        + " revision, updated_by) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, 1,"
                        + " nextval('rule_revision'), ?)",
                id,
                rule.name(),
                rule.source().name(),
                rule.condition(),
                rule.action().name(),
                json.writeValueAsString(rule.target()),
                rule.priority(),
                rule.cooldown().toSeconds(),
                rule.minReplicas(),
                rule.maxReplicas(),
                rule.consecutiveWindows(),
                rule.intentTemplate(),
                rule.enabled(),
                by);
        history(id, 1, "created", rule, by);
        return find(id).orElseThrow();
    }

    /** Replaces the rule, locking the row so concurrent edits get consecutive versions. */
    Optional<RuleView> update(UUID id, Rule rule, String by) {
        Optional<Integer> version = lockLive(id);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        int next = version.get() + 1;
        jdbc.update(
                "update rule set name = ?, source = ?, condition = ?, action = ?, target = ?::jsonb, priority = ?,"
                        + " cooldown_seconds = ?, min_replicas = ?, max_replicas = ?, consecutive_windows = ?,"
                        + " intent_template = ?, enabled = ?, version = ?, revision = nextval('rule_revision'),"
                        + " updated_by = ?, updated_at = now() where id = ?",
                rule.name(),
                rule.source().name(),
                rule.condition(),
                rule.action().name(),
                json.writeValueAsString(rule.target()),
                rule.priority(),
                rule.cooldown().toSeconds(),
                rule.minReplicas(),
                rule.maxReplicas(),
                rule.consecutiveWindows(),
                rule.intentTemplate(),
                rule.enabled(),
                next,
                by,
                id);
        history(id, next, "updated", rule, by);
        return find(id);
    }

    /** Deletes as a tombstone (a new version), so decisions keep pointing at a rule that can be read. */
    boolean delete(UUID id, String by) {
        Optional<Integer> version = lockLive(id);
        if (version.isEmpty()) {
            return false;
        }
        int next = version.get() + 1;
        RuleView current = find(id).orElseThrow();
        jdbc.update(
                "update rule set deleted = true, enabled = false, version = ?, revision = nextval('rule_revision'),"
                        + " updated_by = ?, updated_at = now() where id = ?",
                next,
                by,
                id);
        history(id, next, "deleted", current.rule(), by);
        return true;
    }

    private Optional<Integer> lockLive(UUID id) {
        return jdbc
                .query("select version from rule where id = ? and not deleted for update", (rs, n) -> rs.getInt(1), id)
                .stream()
                .findFirst();
    }

    private void history(UUID id, int version, String change, Rule rule, String by) {
        jdbc.update(
                "insert into rule_history (rule_id, version, change, rule, changed_by) values (?, ?, ?, ?::jsonb, ?)",
                id,
                version,
                change,
                json.writeValueAsString(rule),
                by);
    }

    Optional<RuleView> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from rule where id = ?", views, id).stream()
                .findFirst();
    }

    PagedResponse<RuleView> list(PageQuery paging) {
        long total = jdbc.queryForObject("select count(*) from rule where not deleted", Long.class);
        List<RuleView> items = jdbc.query(
                "select " + COLUMNS + " from rule where not deleted order by priority desc, name limit ? offset ?",
                views,
                paging.pageSize(),
                paging.offset());
        return PagedResponse.of(items, total, paging);
    }

    /** Every version of the rule, oldest first; empty when there is no such rule. */
    List<RuleVersion> history(UUID id) {
        return jdbc.query(
                "select version, change, rule, changed_by, changed_at from rule_history where rule_id = ?"
                        + " order by version",
                (rs, n) -> new RuleVersion(
                        rs.getInt("version"),
                        rs.getString("change"),
                        json.readValue(rs.getString("rule"), Rule.class),
                        rs.getString("changed_by"),
                        rs.getTimestamp("changed_at").toInstant()),
                id);
    }

    /** Enabled, live rules: what the closed loop evaluates. */
    List<RuleView> active() {
        return jdbc.query("select " + COLUMNS + " from rule where enabled and not deleted", views);
    }

    /** A rule row changed after some revision, with the revision its last change got. */
    record Changed(RuleView view, long revision) {}

    /** The rows whose last change came after {@code revision} (deletes included), oldest change first. */
    List<Changed> changedSince(long revision) {
        return jdbc.query(
                "select " + COLUMNS + ", revision from rule where revision > ? order by revision",
                (rs, n) -> new Changed(view(rs, n), rs.getLong("revision")),
                revision);
    }

    /** Bumped by every change, deletes included; the cheap question replicas ask every few seconds. */
    long revision() {
        Long revision = jdbc.queryForObject("select coalesce(max(revision), 0) from rule", Long.class);
        return revision == null ? 0 : revision;
    }

    private RuleView view(ResultSet rs, int row) throws SQLException {
        Rule rule = new Rule(
                rs.getString("name"),
                RuleSource.valueOf(rs.getString("source")),
                rs.getString("condition"),
                RuleAction.valueOf(rs.getString("action")),
                json.readValue(rs.getString("target"), RuleTarget.class),
                rs.getInt("priority"),
                Duration.ofSeconds(rs.getLong("cooldown_seconds")),
                (Integer) rs.getObject("min_replicas"),
                (Integer) rs.getObject("max_replicas"),
                rs.getInt("consecutive_windows"),
                rs.getString("intent_template"),
                rs.getBoolean("enabled"));
        return new RuleView(
                rs.getObject("id", UUID.class),
                rs.getInt("version"),
                rule,
                rs.getBoolean("deleted"),
                rs.getString("updated_by"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** One version of a rule as it was saved. */
    @JsonNaming(SnakeCaseStrategy.class)
    record RuleVersion(int version, String change, Rule rule, String changedBy, Instant changedAt) {}
}
