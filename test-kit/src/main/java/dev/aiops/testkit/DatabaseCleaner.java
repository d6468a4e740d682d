package dev.aiops.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Empties a database's tables while keeping its schema and its Flyway history. */
final class DatabaseCleaner {

    static final String FLYWAY_HISTORY = "flyway_schema_history";

    // partitioned parents ('p') too: truncating one empties its partitions
    private static final String USER_TABLES = """
            SELECT n.nspname, c.relname, format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p')
              AND n.nspname <> 'information_schema'
              AND n.nspname NOT LIKE 'pg\\_%'
            """;

    private DatabaseCleaner() {}

    // SQLSTATEs worth another try: a cached context's background job (health checks, outbox relay)
    // can deadlock with TRUNCATE or hold a lock past the timeout; a moment later it has moved on.
    private static final Set<String> TRANSIENT = Set.of("40P01", "55P03");
    private static final int ATTEMPTS = 5;

    static void truncateAll(PostgresDatabase database, Collection<String> preserved) {
        for (int attempt = 1; ; attempt++) {
            try {
                truncateOnce(database, preserved);
                return;
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !TRANSIENT.contains(e.getSQLState())) {
                    throw new IllegalStateException("Cannot clean database " + database.name(), e);
                }
                pause(200L * attempt);
            }
        }
    }

    private static void truncateOnce(PostgresDatabase database, Collection<String> preserved) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            List<String> tables = tablesToTruncate(statement, preserved);
            if (tables.isEmpty()) {
                return;
            }
            // fail (and retry) rather than hang the suite behind a lock
            statement.execute("SET lock_timeout = '5s'");
            statement.execute("TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> tablesToTruncate(Statement statement, Collection<String> preserved)
            throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(USER_TABLES)) {
            while (rows.next()) {
                String schema = rows.getString(1);
                String table = rows.getString(2);
                if (!table.equals(FLYWAY_HISTORY)
                        && !preserved.contains(table)
                        && !preserved.contains(schema + "." + table)) {
                    tables.add(rows.getString(3));
                }
            }
        }
        return tables;
    }
}
