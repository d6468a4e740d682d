package dev.aiops.intelligence.support;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.PrometheusServer;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The real observability collector, its executable jar in its own JVM on the test kit's PostgreSQL (a
 * database of its own) and Redis, reading clusters from the real registry ({@link RegistryProcess}), and a
 * real Prometheus to register as a cluster's metrics endpoint; both started once per test JVM, on first use.
 */
public final class CollectorProcess {

    private static ServiceJarServer collector;
    private static PrometheusServer prometheus;

    private CollectorProcess() {}

    /** The collector's base URL, starting it (and the registry) on first use. */
    public static synchronized String url() {
        if (collector == null) {
            PostgresDatabase db = SharedPostgres.get()
                    .createDatabase(
                            "chat_collector_" + UUID.randomUUID().toString().substring(0, 8));
            SharedRedis redis = SharedRedis.get();
            collector = ServiceJarServer.builder(locateJar())
                    .property("spring.datasource.url", db.jdbcUrl())
                    .property("spring.datasource.username", db.username())
                    .property("spring.datasource.password", db.password())
                    .property("spring.data.redis.host", redis.host())
                    .property("spring.data.redis.port", Integer.toString(redis.port()))
                    // a loaded machine can take seconds to complete Redis' handshake at start-up (seen: 3 s)
                    .property("spring.data.redis.connect-timeout", "30s")
                    .property("spring.data.redis.timeout", "30s")
                    .property("aiops.security.dev-mode", "true")
                    .property("aiops.security.dev-secret", RegistryProcess.DEV_SECRET)
                    .property("aiops.services.cluster-registry.url", RegistryProcess.url())
                    // clusters registered by a test are read at once when their CLUSTER_REGISTERED arrives;
                    // the short refresh is the safety net should the notification come before the subscription
                    .property("aiops.collector.registry.refresh-interval", "2s")
                    // the tests' Prometheus listens on loopback
                    .property("aiops.collector.federation.url-guard.allow-loopback", "true")
                    .property("logging.structured.format.console", "")
                    .property("logging.level.root", "WARN")
                    .start();
        }
        return collector.url().toString();
    }

    /** A real Prometheus scraping itself every second, so {@code up} and its own series have samples. */
    public static synchronized PrometheusServer prometheus() {
        if (prometheus == null) {
            prometheus = PrometheusServer.start();
        }
        return prometheus;
    }

    private static Path locateJar() {
        Path target = Path.of("..", "observability-collector", "target")
                .toAbsolutePath()
                .normalize();
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("observability-collector-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException | NoSuchElementException e) {
            throw new IllegalStateException("The collector tool tests run the real observability collector: build it"
                    + " first with ./mvnw -pl observability-collector -am package -DskipTests (looked in " + target
                    + ")");
        }
    }
}
