package dev.aiops.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where to reach one database of {@link SharedPostgres}.
 *
 * @param name the database name
 * @param jdbcUrl a JDBC URL without credentials, ready for {@code spring.datasource.url}
 * @param username the user to connect as
 * @param password that user's password
 */
public record PostgresDatabase(String name, String jdbcUrl, String username, String password) {

    /** Opens a plain JDBC connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }
}
