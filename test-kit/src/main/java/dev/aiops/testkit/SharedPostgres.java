package dev.aiops.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

/**
 * One real PostgreSQL server per JVM, started on first use and stopped by a JVM shutdown hook.
 *
 * <p>The server is PostgreSQL 17 from the zonky binaries on Maven Central: no Docker engine, no system
 * package, works as root and as an unprivileged user. With {@code -Daiops.testkit.docker=true}, the
 * Testcontainers PostgreSQL module on the class path and a reachable Docker engine, it is a
 * {@code postgres:16} container instead; without an engine the embedded server is used anyway.
 *
 * <p>Tests that need isolation from each other at database level call {@link #createDatabase(String)}.
 */
public final class SharedPostgres {

    /** System property that asks for the Testcontainers backend. */
    public static final String DOCKER_PROPERTY = "aiops.testkit.docker";

    private static final Logger log = LoggerFactory.getLogger(SharedPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String MAINTENANCE_DATABASE = "postgres";

    private static volatile SharedPostgres instance;

    private final PostgresServer server;

    private SharedPostgres(PostgresServer server) {
        this.server = server;
    }

    /** The JVM's PostgreSQL, started on the first call; every call returns the same instance. */
    public static SharedPostgres get() {
        SharedPostgres current = instance;
        if (current != null) {
            return current;
        }
        synchronized (SharedPostgres.class) {
            if (instance == null) {
                instance = start();
            }
            return instance;
        }
    }

    private static SharedPostgres start() {
        long started = System.nanoTime();
        PostgresServer server = dockerRequested() ? startContainerOrEmbedded() : EmbeddedPostgresServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "aiops-testkit-postgres-stop"));
        log.info(
                "PostgreSQL for tests on {}:{} ready after {} ms",
                server.host(),
                server.port(),
                (System.nanoTime() - started) / 1_000_000);
        return new SharedPostgres(server);
    }

    private static boolean dockerRequested() {
        return Boolean.getBoolean(DOCKER_PROPERTY)
                && ClassUtils.isPresent(
                        "org.testcontainers.postgresql.PostgreSQLContainer", SharedPostgres.class.getClassLoader());
    }

    private static PostgresServer startContainerOrEmbedded() {
        if (ContainerPostgresServer.dockerAvailable()) {
            return ContainerPostgresServer.start();
        }
        log.warn("{}=true but no Docker engine answered: using embedded PostgreSQL", DOCKER_PROPERTY);
        return EmbeddedPostgresServer.start();
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    /** JDBC URL of the {@code postgres} maintenance database. */
    public String jdbcUrl() {
        return jdbcUrl(MAINTENANCE_DATABASE);
    }

    /** JDBC URL of the given database on this server (which need not exist yet). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database;
    }

    /** The {@code postgres} maintenance database. */
    public PostgresDatabase maintenanceDatabase() {
        return database(MAINTENANCE_DATABASE);
    }

    /**
     * Creates an empty database, dropping any database of that name first (and the connections to it).
     *
     * @param name lower-case letters, digits and underscores, as an unquoted SQL identifier
     */
    public synchronized PostgresDatabase createDatabase(String name) {
        requireValidName(name);
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name);
        return database(name);
    }

    /** Creates the database unless it exists already, keeping its content when it does. */
    public synchronized PostgresDatabase createDatabaseIfAbsent(String name) {
        requireValidName(name);
        if (!exists(name)) {
            execute("CREATE DATABASE " + name);
        }
        return database(name);
    }

    private PostgresDatabase database(String name) {
        return new PostgresDatabase(name, jdbcUrl(name), username(), password());
    }

    private static void requireValidName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + name);
        }
    }

    private boolean exists(String name) {
        try (Connection connection = maintenanceDatabase().connect();
                var query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look up database " + name, e);
        }
    }

    private void execute(String... statements) {
        try (Connection connection = maintenanceDatabase().connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed on the maintenance database: " + String.join("; ", statements), e);
        }
    }
}
