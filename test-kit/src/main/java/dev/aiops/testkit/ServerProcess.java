package dev.aiops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server binary of the machine run as a child process in its own temporary folder, ready once an HTTP
 * endpoint answers 200. Its output goes to {@code server.log} in that folder (or to a log file kept after
 * the stop, when one is given) and is quoted when the server fails to come up.
 */
final class ServerProcess {

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);

    static final String INSTALL_HINT = "apt-get install -y prometheus prometheus-alertmanager";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 30;

    private final String name;
    private final Process process;
    private final Path workDir;
    private final Path logFile;
    private final Thread shutdownHook;

    private ServerProcess(String name, Process process, Path workDir, Path logFile) {
        this.name = name;
        this.process = process;
        this.workDir = workDir;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::destroy, "aiops-testkit-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The binary named by a system property or environment variable of the same name, else the default.
     * Fails, never skips: a test that needs the server must not pass silently without it.
     */
    static Path binary(String variable, String defaultPath) {
        String configured = System.getProperty(variable, System.getenv(variable));
        Path binary = Path.of(configured == null || configured.isBlank() ? defaultPath : configured);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " not found or not executable. Install it with `" + INSTALL_HINT
                    + "` (Debian) or point " + variable + " at the binary.");
        }
        return binary;
    }

    static Path createWorkDir(String name) {
        try {
            return Files.createTempDirectory("aiops-testkit-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for " + name, e);
        }
    }

    /** Starts the command in {@code workDir} and waits until {@code readyUrl} answers 200. */
    static ServerProcess start(String name, List<String> command, Path workDir, URI readyUrl) {
        return start(name, command, workDir, readyUrl, READY_TIMEOUT);
    }

    /** As above, with a longer wait for servers that start slowly, such as a whole Spring Boot service. */
    static ServerProcess start(String name, List<String> command, Path workDir, URI readyUrl, Duration readyTimeout) {
        return start(name, command, workDir, workDir.resolve("server.log"), readyUrl, readyTimeout);
    }

    /** As above, with the output written to {@code logFile}, which outlives the server's folder. */
    static ServerProcess start(
            String name, List<String> command, Path workDir, Path logFile, URI readyUrl, Duration readyTimeout) {
        Process process;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        }
        long started = System.nanoTime();
        ServerProcess server = new ServerProcess(name, process, workDir, logFile);
        try {
            server.awaitReady(readyUrl, readyTimeout);
            log.info("{} for tests ready at {} after {} ms", name, readyUrl, (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    private void awaitReady(URI readyUrl, Duration readyTimeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request =
                HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(readyTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(
                name + " not ready at " + readyUrl + " within " + readyTimeout + ":\n" + logTail());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGKILL, no chance to clean up (what {@link Process#destroyForcibly()} sends on Linux), and waits for the
     * process to be gone. Returns its exit code: 137 (128 + 9) when the kill signal ended it.
     */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still runs after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        }
        int exit = process.exitValue();
        stop(); // removes the folder and the shutdown hook
        return exit;
    }

    Path workDir() {
        return workDir;
    }

    /** CPU time the server's process has used so far (zero where the platform does not tell). */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The server's own output so far, for diagnosing a test. */
    String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    /** Stops the server (SIGTERM, then SIGKILL if it lingers) and removes its folder. */
    void stop() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    private void destroy() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temp folder is harmless; failing the test for it is not
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
