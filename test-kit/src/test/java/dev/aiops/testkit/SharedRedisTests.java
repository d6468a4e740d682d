package dev.aiops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SharedRedisTests {

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void connect() {
        client = RedisClient.create(SharedRedis.get().uri());
        connection = client.connect();
    }

    @AfterEach
    void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void shouldAnswerPingAndStoreValues() {
        RedisCommands<String, String> redis = connection.sync();

        assertThat(redis.ping()).isEqualTo("PONG");
        redis.set("kit:key", "value");
        assertThat(redis.get("kit:key")).isEqualTo("value");
    }

    @Test
    void shouldFlushEveryDatabase() {
        RedisCommands<String, String> redis = connection.sync();
        redis.select(0);
        redis.set("kit:events", "1");
        redis.select(3);
        redis.set("kit:sessions", "1");

        SharedRedis.get().flushAll();

        assertThat(redis.dbsize()).isZero();
        redis.select(0);
        assertThat(redis.dbsize()).isZero();
    }

    @Test
    void shouldReturnTheSameServerOnEveryCall() {
        assertThat(SharedRedis.get()).isSameAs(SharedRedis.get());
        assertThat(SharedRedis.get().port()).isPositive();
    }
}
