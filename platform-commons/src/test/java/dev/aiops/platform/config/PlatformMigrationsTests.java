package dev.aiops.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.TestInfrastructure;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A platform migration added after services shipped (0.2) must reach databases that already ran the service's
 * own V1..Vn, on the real PostgreSQL: the platform's Flyway customizer lets Flyway apply it out of order.
 */
class PlatformMigrationsTests {

    static final String SERVICE = "classpath:db/service-example";

    @Test
    void shouldApplyAPlatformMigrationAddedLaterToADatabaseAlreadyPastIt() {
        String schema = "platform_migrations_" + UUID.randomUUID().toString().substring(0, 8);
        PostgresDatabase db = TestInfrastructure.database();
        DataSource dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(), db.jdbcUrl() + "?currentSchema=" + schema, db.username(), db.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations(SERVICE, OutboxAutoConfiguration.PlatformMigrations.LOCATION)
                .load()
                .migrate();
        // as a database migrated before 0.2 existed: the service's V1 applied, the trace-context column absent
        jdbc.update("delete from flyway_schema_history where version = '0.2'");
        jdbc.execute("alter table outbox_event drop column trace_context");

        FluentConfiguration plain = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations(SERVICE, OutboxAutoConfiguration.PlatformMigrations.LOCATION);
        assertThatThrownBy(() -> plain.load().migrate())
                .as("without the customizer Flyway refuses the start")
                .hasMessageContaining("0.2");

        FluentConfiguration service =
                Flyway.configure().dataSource(dataSource).schemas(schema).locations(SERVICE);
        new OutboxAutoConfiguration.PlatformMigrations()
                .platformMigrationsCustomizer()
                .customize(service);
        service.load().migrate();

        assertThat(jdbc.queryForObject(
                        "select count(*) from information_schema.columns where table_schema = ?"
                                + " and table_name = 'outbox_event' and column_name = 'trace_context'",
                        Integer.class,
                        schema))
                .isEqualTo(1);
    }
}
