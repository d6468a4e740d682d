package dev.aiops.intelligence.support;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real cluster registry, its executable jar in its own JVM on the test kit's PostgreSQL (a database of
 * its own) and Redis, started once per test JVM. The tools call it for real, with the users' dev tokens:
 * it shares the dev secret of this module's test profile. A new cluster is checked at once, so one whose API
 * server refuses connections turns OFFLINE within seconds, and stays so for the real intervals (EDGE: 60 s).
 */
public final class RegistryProcess {

    public static final String DEV_SECRET = "intelligence-engine-test-secret-of-32-chars-or-more";

    private static RegistryProcess instance;

    private final Process process;
    private final int port;

    private RegistryProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static synchronized RegistryProcess get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private static RegistryProcess start() {
        Path jar = locateJar();
        PostgresDatabase db = SharedPostgres.get()
                .createDatabase("chat_registry_" + UUID.randomUUID().toString().substring(0, 8));
        SharedRedis redis = SharedRedis.get();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--aiops.security.dev-mode=true",
                "--aiops.security.dev-secret=" + DEV_SECRET,
                "--aiops.registry.credentials.keys.k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "--aiops.registry.credentials.active-key-id=k1",
                "--aiops.registry.url-guard.allow-loopback=true",
                "--aiops.registry.discovery.enabled=false",
                "--aiops.registry.health.poll-interval=200ms",
                "--logging.structured.format.console=",
                "--logging.level.root=WARN"));
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("registry-process.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RegistryProcess registry = new RegistryProcess(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(registry::stop, "chat-registry-stop"));
            registry.awaitHealthy(log);
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the cluster registry jar " + jar, e);
        }
    }

    private void awaitHealthy(Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The cluster registry exited; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> health = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(300, TimeUnit.MILLISECONDS); // wakes early if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("The cluster registry did not become healthy; see " + log.toAbsolutePath());
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The registry module's executable jar; the reactor builds it before this module (see the pom). */
    private static Path locateJar() {
        Path target =
                Path.of("..", "cluster-registry", "target").toAbsolutePath().normalize();
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("cluster-registry-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("The chat tool tests run the real cluster registry: build it first with"
                    + " ./mvnw -pl cluster-registry -am package -DskipTests (looked in " + target + ")");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
