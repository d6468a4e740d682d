package dev.aiops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseCleanupTests {

    @BeforeEach
    void createSchemaLikeFlywayWould() throws SQLException {
        execute(
                "DROP SCHEMA IF EXISTS kit_clusters CASCADE",
                "CREATE SCHEMA kit_clusters",
                "CREATE TABLE kit_clusters.flyway_schema_history (installed_rank int primary key, script text)",
                "INSERT INTO kit_clusters.flyway_schema_history VALUES (1, 'V1__clusters.sql')",
                "CREATE TABLE kit_clusters.cluster (id bigint generated always as identity primary key, name text)",
                "CREATE TABLE kit_clusters.credential (cluster_id bigint references kit_clusters.cluster, secret text)",
                "CREATE TABLE kit_clusters.cluster_type (code text primary key)",
                "INSERT INTO kit_clusters.cluster (name) VALUES ('hub'), ('edge1')",
                "INSERT INTO kit_clusters.credential VALUES (1, 's3cret')",
                "INSERT INTO kit_clusters.cluster_type VALUES ('HUB'), ('EDGE')");
    }

    @Test
    void shouldTruncateTablesAndKeepFlywayHistory() throws SQLException {
        TestInfrastructure.cleanDatabase();

        assertThat(count("kit_clusters.cluster")).isZero();
        assertThat(count("kit_clusters.credential")).isZero();
        assertThat(count("kit_clusters.cluster_type")).isZero();
        assertThat(count("kit_clusters.flyway_schema_history")).isEqualTo(1);
    }

    @Test
    void shouldRestartIdentities() throws SQLException {
        TestInfrastructure.cleanDatabase();

        execute("INSERT INTO kit_clusters.cluster (name) VALUES ('far-edge')");
        assertThat(singleLong("SELECT id FROM kit_clusters.cluster")).isEqualTo(1);
    }

    @Test
    void shouldKeepPreservedTablesNamedWithOrWithoutSchema() throws SQLException {
        TestInfrastructure.cleanDatabase("kit_clusters.cluster_type");
        assertThat(count("kit_clusters.cluster_type")).isEqualTo(2);

        TestInfrastructure.cleanDatabase("cluster_type");
        assertThat(count("kit_clusters.cluster_type")).isEqualTo(2);
        assertThat(count("kit_clusters.cluster")).isZero();
    }

    @Test
    void shouldRetryWhenABackgroundTransactionHoldsALockLongerThanTheTimeout() throws Exception {
        // as a cached context's health checker or relay would, past the cleaner's 5 s lock timeout
        try (Connection holder = TestInfrastructure.database().connect()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("LOCK TABLE kit_clusters.cluster IN ACCESS SHARE MODE");
            }
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(6_000);
                    holder.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            releaser.start();

            TestInfrastructure.cleanDatabase();

            releaser.join();
        }
        assertThat(count("kit_clusters.cluster")).isZero();
    }

    private static long count(String table) throws SQLException {
        return singleLong("SELECT count(*) FROM " + table);
    }

    private static long singleLong(String sql) throws SQLException {
        try (Connection connection = TestInfrastructure.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = TestInfrastructure.database().connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
