package dev.aiops.intelligence.support;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The real cluster registry, its executable jar in its own JVM (the test kit's {@link ServiceJarServer}) on
 * the test kit's PostgreSQL (a database of its own) and Redis, started once per test JVM. The tools call it
 * for real, with the users' dev tokens: it shares the dev secret of this module's test profile. A new cluster
 * is checked at once, so one whose API server refuses connections turns OFFLINE within seconds, and stays so
 * for the real intervals (EDGE: 60 s).
 */
public final class RegistryProcess {

    public static final String DEV_SECRET = "intelligence-engine-test-secret-of-32-chars-or-more";

    private static ServiceJarServer instance;

    private RegistryProcess() {}

    /** The registry's base URL, starting it on first use. */
    public static synchronized String url() {
        if (instance == null) {
            PostgresDatabase db = SharedPostgres.get()
                    .createDatabase(
                            "chat_registry_" + UUID.randomUUID().toString().substring(0, 8));
            SharedRedis redis = SharedRedis.get();
            instance = ServiceJarServer.builder(locateJar())
                    .property("spring.datasource.url", db.jdbcUrl())
                    .property("spring.datasource.username", db.username())
                    .property("spring.datasource.password", db.password())
                    .property("spring.data.redis.host", redis.host())
                    .property("spring.data.redis.port", Integer.toString(redis.port()))
                    .property("aiops.security.dev-mode", "true")
                    .property("aiops.security.dev-secret", DEV_SECRET)
                    .property("aiops.registry.credentials.keys.k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
                    .property("aiops.registry.credentials.active-key-id", "k1")
                    .property("aiops.registry.url-guard.allow-loopback", "true")
                    .property("aiops.registry.discovery.enabled", "false")
                    .property("aiops.registry.health.poll-interval", "200ms")
                    .property("logging.structured.format.console", "")
                    .property("logging.level.root", "WARN")
                    .start();
        }
        return instance.url().toString();
    }

    private static Path locateJar() {
        Path target =
                Path.of("..", "cluster-registry", "target").toAbsolutePath().normalize();
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("cluster-registry-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException | NoSuchElementException e) {
            throw new IllegalStateException("The chat tool tests run the real cluster registry: build it first with"
                    + " ./mvnw -pl cluster-registry -am package -DskipTests (looked in " + target + ")");
        }
    }
}
