package dev.aiops.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * The platform's stateful part: a real PostgreSQL 17 (zonky binaries) and a real redis-server 6.2
 * (codemonstur binary), both keeping their data under the data folder so the platform's state
 * survives restarts. {@link #start} and {@link #close} are synchronized with each other, so a Ctrl-C
 * during start-up waits for what is starting and then stops it: nothing is left behind.
 */
public final class InfraProcesses implements AutoCloseable {

    public static final String DATABASE = "aiops";
    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";

    private final Path dataDir;
    private final Path logsDir;
    private final int pgPort;
    private final int redisPort;

    private EmbeddedPostgres postgres;
    private Process redis;
    private boolean closed;

    public InfraProcesses(Path dataDir, Path logsDir, int pgPort, int redisPort) {
        this.dataDir = dataDir;
        this.logsDir = logsDir;
        this.pgPort = pgPort;
        this.redisPort = redisPort;
    }

    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("already closed");
        }
        Files.createDirectories(logsDir);
        startPostgres();
        startRedis();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pgPort + "/" + DATABASE;
    }

    /** Pids of the running redis-server and postmaster (to name leftovers after a killed run). */
    public synchronized Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (postgres != null) {
            Launcher.readPid(dataDir.resolve("postgres").resolve("postmaster.pid"))
                    .ifPresent(pid -> pids.put("postgres", pid));
        }
        if (redis != null) {
            pids.put("redis", redis.pid());
        }
        return pids;
    }

    public int pgPort() {
        return pgPort;
    }

    public int redisPort() {
        return redisPort;
    }

    /** A JDBC connection to the {@code aiops} database (for tests). */
    public Connection connect() throws SQLException {
        return postgres.getDatabase(DB_USER, DATABASE).getConnection();
    }

    private void startPostgres() throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Path log = logsDir.resolve("postgres.log");
        LogFiles.rotate(log);
        boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
        Console.info(
                (fresh ? "initialising" : "starting") + " PostgreSQL on port " + pgPort + " (data " + pgData + ")");
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(pgPort)
                // our shutdown hook stops it, after the services
                .setRegisterShutdownHook(false)
                // zonky is a test tool: it runs with -F (fsync off) and synchronous_commit off; the
                // platform keeps real data here, so make it crash-safe again (the later -c wins)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        createDatabaseIfMissing();
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, DATABASE);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            Console.info("created database " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("could not create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private void startRedis() throws IOException {
        Path redisData = dataDir.resolve("redis");
        Files.createDirectories(redisData);
        Path conf = redisData.resolve("redis.conf");
        Files.writeString(conf, redisConfig(redisPort, redisData), StandardCharsets.UTF_8);
        Path log = logsDir.resolve("redis.log");
        LogFiles.rotate(log);

        File executable = ExecutableProvider.newJarResourceProvider().get();
        Console.info("starting Redis on port " + redisPort + " (data " + redisData + ")");
        redis = new ProcessBuilder(executable.getAbsolutePath(), conf.toString())
                .directory(redisData.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!redis.isAlive()) {
                throw new IOException("redis-server exited with code " + redis.exitValue() + "; last lines of " + log
                        + ":\n  " + String.join("\n  ", LogFiles.tail(log, 20)));
            }
            if ("+PONG".equals(redisCommand(redisPort, "PING"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("redis-server did not answer PING within 30 s; see " + log);
            }
            sleep(100);
        }
    }

    static String redisConfig(int port, Path dir) {
        String quotedDir =
                "\"" + dir.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return String.join(
                "\n",
                "# written by the AIOps launcher on every start",
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode yes",
                "daemonize no",
                "logfile \"\"",
                "dir " + quotedDir,
                "appendonly yes",
                "appendfsync everysec",
                "save 900 1",
                "save 300 10",
                "save 60 10000",
                "");
    }

    /**
     * Sends one inline command to Redis and returns the first reply line (e.g. {@code +PONG}), or
     * {@code null} if Redis cannot be reached.
     */
    public static String redisCommand(int port, String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops Redis (SIGTERM: it flushes the append-only file), then PostgreSQL (fast shutdown). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (redis != null) {
            Console.info("stopping Redis");
            stopProcess(redis, Duration.ofSeconds(15));
            redis = null;
        }
        if (postgres != null) {
            Console.info("stopping PostgreSQL");
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                Console.warn("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    /** destroy (SIGTERM), wait, then destroyForcibly; the process's descendants too. */
    static void stopProcess(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
