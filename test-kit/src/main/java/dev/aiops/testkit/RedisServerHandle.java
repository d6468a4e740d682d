package dev.aiops.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;
import redis.embedded.RedisServer;

/**
 * A dedicated real redis-server (6.2, from the codemonstur embedded-redis binaries) on a port of its own,
 * which a test can {@link #stop()} and {@link #start()} again on the same port: the way to simulate a
 * Redis outage and its end.
 *
 * <p>Persistence is off, so a restarted server comes back empty, as a replacement node would; a server
 * from {@link #startPersistentOnFreePort()} keeps an append-only file instead and comes back with its data
 * (streams, consumer groups, pending entries), as the platform's compose file runs Redis. {@link #pause()}
 * freezes the process (SIGSTOP) without closing its sockets: clients hang instead of being refused. Close
 * the handle when done; a JVM shutdown hook stops any server left running.
 */
public final class RedisServerHandle implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int PORT_ATTEMPTS = 5;

    private final int port;
    private final RedisServer server;
    private long pid;
    private boolean paused;

    private RedisServerHandle(int port, RedisServer server) {
        this.port = port;
        this.server = server;
    }

    /** Starts a new server on a free loopback port. */
    public static RedisServerHandle startOnFreePort() {
        return startOnFreePort(null);
    }

    /**
     * Starts a new server on a free loopback port that writes every change to an append-only file (fsync on
     * each write) in a folder of its own, so {@link #stop()} and {@link #start()} keep its data, as a
     * production Redis with {@code appendonly yes} does.
     */
    public static RedisServerHandle startPersistentOnFreePort() {
        try {
            return startOnFreePort(Files.createTempDirectory("aiops-testkit-redis-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for redis-server's data", e);
        }
    }

    private static RedisServerHandle startOnFreePort(Path dataDir) {
        IllegalStateException failure = null;
        // the free port can be taken between finding it and binding it: try another one
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            RedisServerHandle handle = create(FreePorts.find(), dataDir);
            try {
                handle.start();
                return handle;
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static RedisServerHandle create(int port, Path dataDir) {
        try {
            RedisServer server = dataDir == null
                    ? RedisServer.newRedisServer()
                            .port(port)
                            .bind(HOST)
                            // no RDB/AOF: every server shares the binary's folder as working directory
                            .setting("save \"\"")
                            .setting("appendonly no")
                            .build()
                    : RedisServer.newRedisServer()
                            .port(port)
                            .bind(HOST)
                            .setting("dir \"" + dataDir.toAbsolutePath() + "\"")
                            .setting("save \"\"")
                            .setting("appendonly yes")
                            .setting("appendfsync always")
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
        pid = processId();
    }

    /** Stops the server; clients get "connection refused" until {@link #start()}. */
    public synchronized void stop() {
        if (!server.isActive()) {
            return;
        }
        resume(); // a stopped process would not act on the termination signal
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server on port " + port + " did not stop", e);
        }
    }

    public boolean isRunning() {
        return server.isActive();
    }

    /**
     * Freezes the server (SIGSTOP): connections stay open and commands get no answer, as when Redis hangs
     * (a long fork, a stalled disk, a network partition without resets). Clients see their command timeouts.
     */
    public synchronized void pause() {
        if (!server.isActive() || paused) {
            return;
        }
        signal("-STOP");
        paused = true;
    }

    /** Lets a {@link #pause() paused} server run again (SIGCONT); it answers what it was sent meanwhile. */
    public synchronized void resume() {
        if (!paused) {
            return;
        }
        signal("-CONT");
        paused = false;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** The redis-server's process id, as the server itself reports it. */
    public synchronized long pid() {
        return pid;
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling redis-server", e);
        }
    }

    /** INFO over a plain socket: a Lettuce client per start would cost an event loop each time. */
    private long processId() {
        try (Socket socket = new Socket(HOST, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader reply =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = reply.readLine(); line != null; line = reply.readLine()) {
                if (line.startsWith("process_id:")) {
                    return Long.parseLong(line.substring("process_id:".length()).trim());
                }
            }
            throw new IllegalStateException("redis-server on port " + port + " did not report its process id");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot ask redis-server on port " + port + " for its process id", e);
        }
    }

    /** Points a Spring test context at this server ({@code @DynamicPropertySource}). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", this::host);
        registry.add("spring.data.redis.port", this::port);
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
