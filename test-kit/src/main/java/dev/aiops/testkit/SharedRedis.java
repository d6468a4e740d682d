package dev.aiops.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real redis-server per JVM on a free port, started on first use and stopped by a JVM shutdown hook.
 * Tests that stop Redis on purpose use their own {@link RedisServerHandle} instead.
 */
public final class SharedRedis {

    private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

    private static volatile SharedRedis instance;

    private final RedisServerHandle server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    private SharedRedis(RedisServerHandle server) {
        this.server = server;
    }

    /** The JVM's Redis, started on the first call; every call returns the same instance. */
    public static SharedRedis get() {
        SharedRedis current = instance;
        if (current != null) {
            return current;
        }
        synchronized (SharedRedis.class) {
            if (instance == null) {
                long started = System.nanoTime();
                SharedRedis redis = new SharedRedis(RedisServerHandle.startOnFreePort());
                Runtime.getRuntime().addShutdownHook(new Thread(redis::shutdown, "aiops-testkit-redis-stop"));
                log.info(
                        "Redis for tests on {}:{} ready after {} ms",
                        redis.host(),
                        redis.port(),
                        (System.nanoTime() - started) / 1_000_000);
                instance = redis;
            }
            return instance;
        }
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    /** {@code redis://127.0.0.1:<port>}, for Lettuce's {@code RedisURI.create}. */
    public String uri() {
        return server.uri();
    }

    /** Removes every key of every Redis database (events, rate limits, cache, sessions). */
    public void flushAll() {
        connection().sync().flushall();
    }

    // one long-lived connection: a new Lettuce client per flush would cost an event loop each time
    private synchronized StatefulRedisConnection<String, String> connection() {
        if (connection == null) {
            client = RedisClient.create(uri());
            connection = client.connect();
        }
        return connection;
    }

    private synchronized void shutdown() {
        if (client != null) {
            connection.close();
            client.shutdown();
        }
        server.close();
    }
}
