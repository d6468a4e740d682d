package dev.aiops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisServerHandleTests {

    @Test
    void shouldRefuseConnectionsWhileStoppedAndServeAgainOnTheSamePortAfterStart() {
        try (RedisServerHandle redis = RedisServerHandle.startOnFreePort()) {
            int port = redis.port();
            RedisURI uri = RedisURI.builder()
                    .withHost(redis.host())
                    .withPort(port)
                    .withTimeout(Duration.ofSeconds(5))
                    .build();
            RedisClient client = RedisClient.create(uri);
            try {
                assertThat(ping(client)).isEqualTo("PONG");

                redis.stop();
                assertThat(redis.isRunning()).isFalse();
                assertThatThrownBy(() -> ping(client))
                        .isInstanceOf(RedisConnectionException.class)
                        .hasRootCauseInstanceOf(ConnectException.class);

                redis.start();
                assertThat(redis.port()).isEqualTo(port);
                assertThat(ping(client)).isEqualTo("PONG");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void shouldComeBackEmptyAfterARestart() {
        try (RedisServerHandle redis = RedisServerHandle.startOnFreePort()) {
            RedisClient client = RedisClient.create(redis.uri());
            try {
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    connection.sync().set("kit:before-outage", "1");
                }
                redis.stop();
                redis.start();
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    assertThat(connection.sync().exists("kit:before-outage")).isZero();
                }
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void shouldKeepItsDataAcrossARestartWhenPersistent() {
        try (RedisServerHandle redis = RedisServerHandle.startPersistentOnFreePort()) {
            RedisClient client = RedisClient.create(redis.uri());
            try {
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    connection.sync().xadd("kit:stream", "field", "value");
                }
                long before = redis.pid();
                redis.stop();
                redis.start();
                assertThat(redis.pid()).isNotEqualTo(before);
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    assertThat(connection.sync().xlen("kit:stream")).isEqualTo(1);
                }
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void shouldLeaveCommandsUnansweredWhilePausedAndAnswerThemAfterResume() {
        try (RedisServerHandle redis = RedisServerHandle.startOnFreePort()) {
            RedisURI uri = RedisURI.builder()
                    .withHost(redis.host())
                    .withPort(redis.port())
                    .withTimeout(Duration.ofSeconds(1))
                    .build();
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                redis.pause();
                assertThat(redis.isPaused()).isTrue();
                assertThat(redis.isRunning()).as("paused, not stopped").isTrue();
                assertThatThrownBy(() -> connection.sync().set("kit:paused", "1"))
                        .isInstanceOf(RedisCommandTimeoutException.class);

                redis.resume();
                assertThat(connection.sync().ping()).isEqualTo("PONG");
                assertThat(connection.sync().get("kit:paused"))
                        .as("a command sent while paused is still executed once the server runs again")
                        .isEqualTo("1");
            } finally {
                client.shutdown();
            }
        }
    }

    private static String ping(RedisClient client) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().ping();
        }
    }
}
