package dev.aiops.testkit;

import java.util.List;

/**
 * The database and Redis that {@link RealInfrastructure} wires into Spring test contexts, and the
 * clean-up helpers for tests that want more isolation than one clean-up per class.
 *
 * <pre>{@code
 * @BeforeEach
 * void cleanSlate() {
 *     TestInfrastructure.reset();
 * }
 * }</pre>
 */
public final class TestInfrastructure {

    /** Name of the database Spring test contexts use. */
    public static final String DATABASE = "aiops_test";

    private static volatile PostgresDatabase database;

    private TestInfrastructure() {}

    /** The {@value #DATABASE} database in {@link SharedPostgres}, created on the first call. */
    public static PostgresDatabase database() {
        PostgresDatabase current = database;
        if (current != null) {
            return current;
        }
        synchronized (TestInfrastructure.class) {
            if (database == null) {
                // fresh at JVM start: a previous run's leftovers must not leak into this one
                database = SharedPostgres.get().createDatabase(DATABASE);
            }
            return database;
        }
    }

    /**
     * Truncates every table of every non-system schema of {@value #DATABASE}, restarting identities,
     * except Flyway history tables and the tables named (as {@code table} or {@code schema.table}).
     */
    public static void cleanDatabase(String... preservedTables) {
        DatabaseCleaner.truncateAll(database(), List.of(preservedTables));
    }

    /** Flushes every database of the shared Redis. */
    public static void flushRedis() {
        SharedRedis.get().flushAll();
    }

    /** {@link #cleanDatabase(String...)} and {@link #flushRedis()} together. */
    public static void reset(String... preservedTables) {
        cleanDatabase(preservedTables);
        flushRedis();
    }
}
