package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real PostgreSQL and Redis, twice on the same data folder: state survives a restart. */
class InfraProcessesTests {

    @Test
    void startsPersistsAndStopsCleanly(@TempDir Path dataDir) throws Exception {
        int pgPort = PortCheck.freePort();
        int redisPort = PortCheck.freePort();
        Path logs = dataDir.resolve("logs");

        // run 1: fresh data folder
        InfraProcesses first = new InfraProcesses(dataDir, logs, pgPort, redisPort);
        try {
            first.start();
            try (Connection c = first.connect();
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('fsync')")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("aiops");
                    assertThat(rs.getString(2)).isEqualTo("on");
                }
                s.execute("CREATE TABLE survives_restart (id int primary key)");
                s.execute("INSERT INTO survives_restart VALUES (42)");
            }
            assertThat(InfraProcesses.redisCommand(redisPort, "PING")).isEqualTo("+PONG");
            assertThat(InfraProcesses.redisCommand(redisPort, "SET launcher:test persisted"))
                    .isEqualTo("+OK");
        } finally {
            first.close();
        }
        assertThat(PortCheck.isFree(pgPort)).isTrue();
        assertThat(PortCheck.isFree(redisPort)).isTrue();
        assertThat(InfraProcesses.redisCommand(redisPort, "PING")).isNull();
        assertThat(dataDir.resolve("redis/appendonly.aof")).exists();

        // run 2: same data folder
        InfraProcesses second = new InfraProcesses(dataDir, logs, pgPort, redisPort);
        try {
            second.start();
            try (Connection c = second.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id FROM survives_restart")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
            assertThat(InfraProcesses.redisCommand(redisPort, "PING")).isEqualTo("+PONG");
            // bulk reply: first line is the length
            assertThat(InfraProcesses.redisCommand(redisPort, "GET launcher:test"))
                    .isEqualTo("$9");
            assertThat(InfraProcesses.redisCommand(redisPort, "EXISTS launcher:test"))
                    .isEqualTo(":1");
        } finally {
            second.close();
        }
        assertThat(PortCheck.isFree(pgPort)).isTrue();
        assertThat(PortCheck.isFree(redisPort)).isTrue();
        assertThat(Files.readString(logs.resolve("redis.log"))).contains("Ready to accept connections");
    }
}
