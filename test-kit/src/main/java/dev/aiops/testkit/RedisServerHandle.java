package dev.aiops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * A dedicated real redis-server (6.2, from the codemonstur embedded-redis binaries) on a port of its own,
 * which a test can {@link #stop()} and {@link #start()} again on the same port: the way to simulate a
 * Redis outage and its end.
 *
 * <p>Persistence is off, so a restarted server comes back empty, as a replacement node would. Close the
 * handle when done; a JVM shutdown hook stops any server left running.
 */
public final class RedisServerHandle implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int PORT_ATTEMPTS = 5;

    private final int port;
    private final RedisServer server;

    private RedisServerHandle(int port, RedisServer server) {
        this.port = port;
        this.server = server;
    }

    /** Starts a new server on a free loopback port. */
    public static RedisServerHandle startOnFreePort() {
        IllegalStateException failure = null;
        // the free port can be taken between finding it and binding it: try another one
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            RedisServerHandle handle = create(FreePorts.find());
            try {
                handle.start();
                return handle;
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static RedisServerHandle create(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind(HOST)
                    // no RDB/AOF: every server shares the binary's folder as working directory
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            return new RedisServerHandle(port, server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare redis-server on port " + port, e);
        }
    }

    /** Starts the server again on the same port; does nothing if it is running. */
    public synchronized void start() {
        if (server.isActive()) {
            return;
        }
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("redis-server did not start on port " + port, e);
        }
    }

    /** Stops the server; clients get "connection refused" until {@link #start()}. */
    public synchronized void stop() {
        if (!server.isActive()) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server on port " + port + " did not stop", e);
        }
    }

    public boolean isRunning() {
        return server.isActive();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, for Lettuce's {@code RedisURI.create}. */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
