package dev.aiops.intent.closedloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.cnf.RuleSource;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The example rules the migration ships: on a database of their own, since the integration tests' clean-up
 * empties the rule table that the shared test database's migration filled.
 */
class SeedRulesTests {

    @Test
    void shouldShipTheSeedsThreeRulesDisabledWithConditionsThatCompileForTheirSource() throws Exception {
        PostgresDatabase database = SharedPostgres.get().createDatabaseIfAbsent("aiops_intent_seeds");
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .schemas("intents")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select r.*, (select count(*) from intents.rule_history h where h.rule_id = r.id) as versions"
                                + " from intents.rule r order by name")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : new String[] {
                    "source",
                    "condition",
                    "action",
                    "target",
                    "priority",
                    "cooldown_seconds",
                    "min_replicas",
                    "max_replicas",
                    "enabled",
                    "versions"
                }) {
                    row.put(column, rs.getObject(column));
                }
                rules.put(rs.getString("name"), row);
            }
        }

        assertThat(rules).containsOnlyKeys("link-down-migration", "high-prb-scaling", "upf-prb-scaling");
        assertThat(rules.values()).allSatisfy(rule -> {
            assertThat(rule.get("enabled")).isEqualTo(false);
            assertThat(rule.get("versions")).isEqualTo(1L);
            assertThat(new RuleConditions()
                            .compile(RuleSource.valueOf((String) rule.get("source")), (String) rule.get("condition"))
                            .condition())
                    .isPresent();
        });
        assertThat(rules.get("link-down-migration"))
                .containsEntry("condition", "faultFields.alarmCondition == 'LINK_DOWN'")
                .containsEntry("action", "MIGRATE")
                .containsEntry("cooldown_seconds", 300L);
        assertThat(rules.get("high-prb-scaling"))
                .containsEntry("action", "SCALE_OUT")
                .containsEntry("cooldown_seconds", 180L);
        assertThat(rules.get("upf-prb-scaling"))
                .containsEntry("source", "KPM")
                .containsEntry("condition", "kpm.prb_utilization > 0.85")
                .containsEntry("action", "SCALE_OUT")
                .containsEntry("priority", 10)
                .containsEntry("min_replicas", 2)
                .containsEntry("max_replicas", 10)
                .containsEntry("cooldown_seconds", 300L);
        assertThat(rules.get("upf-prb-scaling").get("target").toString()).contains("\"function\": \"UPF\"");
    }
}
