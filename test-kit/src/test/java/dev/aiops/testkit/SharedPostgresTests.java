package dev.aiops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SharedPostgresTests {

    @Test
    void shouldAnswerWithPostgres17() throws SQLException {
        try (Connection connection = SharedPostgres.get().maintenanceDatabase().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select version()")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("PostgreSQL 17.");
        }
    }

    @Test
    void shouldReturnTheSameServerOnEveryCall() {
        assertThat(SharedPostgres.get()).isSameAs(SharedPostgres.get());
    }

    @Test
    void shouldCreateAnEmptyDatabaseEvenWhenOneOfThatNameHasTables() throws SQLException {
        SharedPostgres postgres = SharedPostgres.get();
        PostgresDatabase first = postgres.createDatabase("kit_fresh");
        try (Connection connection = first.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("create table leftover (id int)");
            // an open connection must not block the re-creation
            PostgresDatabase second = postgres.createDatabase("kit_fresh");
            assertThat(tableCount(second)).isZero();
        }
    }

    @Test
    void shouldKeepAnExistingDatabaseWhenCreatingItOnlyIfAbsent() throws SQLException {
        SharedPostgres postgres = SharedPostgres.get();
        PostgresDatabase database = postgres.createDatabase("kit_kept");
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (id int)");
        }

        assertThat(tableCount(postgres.createDatabaseIfAbsent("kit_kept"))).isEqualTo(1);
    }

    @Test
    void shouldRejectNamesThatAreNotPlainIdentifiers() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SharedPostgres.get().createDatabase("x; drop database postgres"));
    }

    @Test
    void shouldGiveJdbcUrlsWithoutCredentials() {
        SharedPostgres postgres = SharedPostgres.get();
        assertThat(postgres.jdbcUrl("aiops"))
                .isEqualTo("jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/aiops");
    }

    private static int tableCount(PostgresDatabase database) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
