package dev.aiops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

class RealInfrastructureExtensionTests {

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void connectRedis() {
        redisClient = RedisClient.create(SharedRedis.get().uri());
        redis = redisClient.connect();
    }

    @AfterAll
    static void disconnectRedis() {
        redis.close();
        redisClient.shutdown();
    }

    @Test
    void shouldEmptyTablesAndRedisBeforeAnAnnotatedClass() throws SQLException {
        seed();

        new RealInfrastructureExtension().beforeAll(contextFor(Annotated.class));

        assertThat(count("kit_ext.note")).isZero();
        assertThat(count("kit_ext.flyway_schema_history")).isEqualTo(1);
        assertThat(redisKeys()).isZero();
    }

    @Test
    void shouldKeepTheTablesTheAnnotationPreserves() throws SQLException {
        seed();

        new RealInfrastructureExtension().beforeAll(contextFor(PreservingNotes.class));

        assertThat(count("kit_ext.note")).isEqualTo(1);
    }

    @Test
    void shouldLeaveNestedClassesToTheirEnclosingClass() throws SQLException {
        seed();

        new RealInfrastructureExtension().beforeAll(contextFor(Annotated.Inner.class));

        assertThat(count("kit_ext.note")).isEqualTo(1);
        assertThat(redisKeys()).isEqualTo(1);
    }

    @RealInfrastructure
    static class Annotated {
        @Nested
        class Inner {}
    }

    @RealInfrastructure(preserveTables = "kit_ext.note")
    static class PreservingNotes {}

    // only the test class is asked for; a proxy avoids a mocking library
    private static ExtensionContext contextFor(Class<?> testClass) {
        return (ExtensionContext) Proxy.newProxyInstance(
                ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequiredTestClass" -> testClass;
                    case "getTestClass" -> Optional.of(testClass);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void seed() throws SQLException {
        try (Connection connection = TestInfrastructure.database().connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS kit_ext CASCADE");
            statement.execute("CREATE SCHEMA kit_ext");
            statement.execute("CREATE TABLE kit_ext.flyway_schema_history (installed_rank int)");
            statement.execute("INSERT INTO kit_ext.flyway_schema_history VALUES (1)");
            statement.execute("CREATE TABLE kit_ext.note (text text)");
            statement.execute("INSERT INTO kit_ext.note VALUES ('keep me?')");
        }
        SharedRedis.get().flushAll();
        redis.sync().set("kit:ext", "1");
    }

    private static long count(String table) throws SQLException {
        try (Connection connection = TestInfrastructure.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long redisKeys() {
        return redis.sync().dbsize();
    }
}
