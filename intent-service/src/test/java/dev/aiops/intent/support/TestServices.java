package dev.aiops.intent.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.testkit.FreePorts;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.nio.file.Path;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The services the intent service calls, for its integration tests: the real cluster registry (its
 * executable jar run as a child JVM, on its own database, started when a test first needs it) and
 * porch-adapter as a WireMock server that tests stub with answers in the Packages API's contract shape,
 * until the real one can run beside us.
 */
public final class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Shared with the registry so it accepts this service's (and the tests') dev tokens. */
    public static final String DEV_SECRET = "intent-service-test-secret-of-32-chars-or-more";

    private static final int REGISTRY_PORT = FreePorts.find();
    private static final WireMockServer PORCH = new WireMockServer(options().dynamicPort());
    private static ServiceJarServer registry;
    private static ServiceJarServer porchAdapter;
    private static ServiceJarServer streaming;
    private static Path porchGit;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!PORCH.isRunning()) {
            PORCH.start();
        }
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                context,
                "aiops.services.cluster-registry.url=" + registryUrl(),
                "aiops.services.porch-adapter.url=" + PORCH.baseUrl());
    }

    public static WireMockServer porch() {
        return PORCH;
    }

    public static String registryUrl() {
        return "http://127.0.0.1:" + REGISTRY_PORT;
    }

    /** Starts the registry once per test JVM; until then its URL refuses connections. */
    public static synchronized String startRegistry() {
        if (registry == null) {
            PostgresDatabase database = SharedPostgres.get().createDatabaseIfAbsent("aiops_registry");
            SharedRedis redis = SharedRedis.get();
            ServiceJarServer.Builder builder = ServiceJarServer.builder(ServiceJarServer.jarOf("cluster-registry"))
                    .port(REGISTRY_PORT)
                    .property("spring.datasource.url", database.jdbcUrl())
                    .property("spring.datasource.username", database.username())
                    .property("spring.datasource.password", database.password())
                    .property("spring.data.redis.host", redis.host())
                    .property("spring.data.redis.port", Integer.toString(redis.port()))
                    .property("aiops.security.dev-mode", "true")
                    .property("aiops.security.dev-secret", DEV_SECRET)
                    .property("aiops.registry.url-guard.allow-loopback", "true")
                    .property("aiops.outbox.poll-interval", "200ms")
                    .property("aiops.registry.health.poll-interval", "200ms")
                    .property("aiops.registry.health.history-sample-interval", "0s")
                    .property("logging.structured.format.console", "");
            for (String type : new String[] {"HUB", "SPOKE", "EDGE", "FAR_EDGE"}) {
                builder.property("aiops.registry.health.timings." + type + ".interval", "1s")
                        .property("aiops.registry.health.timings." + type + ".timeout", "700ms");
            }
            registry = builder.start();
        }
        return registry.url().toString();
    }

    /**
     * Starts the real porch-adapter once per test JVM (its jar as a child JVM, on its own database and a
     * fresh git repository) and returns its URL. Tests reach it through the WireMock above, set to proxy to
     * it, so the service's single context keeps one porch-adapter URL.
     */
    public static synchronized String startPorch() {
        if (porchAdapter == null) {
            PostgresDatabase database = SharedPostgres.get().createDatabaseIfAbsent("aiops_porch");
            SharedRedis redis = SharedRedis.get();
            try {
                porchGit = java.nio.file.Files.createTempDirectory("intent-porch-git");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            porchAdapter = ServiceJarServer.builder(ServiceJarServer.jarOf("porch-adapter"))
                    .port(FreePorts.find())
                    .property("spring.datasource.url", database.jdbcUrl())
                    .property("spring.datasource.username", database.username())
                    .property("spring.datasource.password", database.password())
                    .property("spring.data.redis.host", redis.host())
                    .property("spring.data.redis.port", Integer.toString(redis.port()))
                    .property("aiops.security.dev-mode", "true")
                    .property("aiops.security.dev-secret", DEV_SECRET)
                    .property(
                            "aiops.porch.git-directory",
                            porchGit.resolve("packages.git").toString())
                    .property("logging.structured.format.console", "")
                    .start();
        }
        return porchAdapter.url().toString();
    }

    /**
     * Starts the real realtime-streaming once per test JVM (its jar as a child JVM, on the test kit's Redis,
     * where this service's outbox publishes) and returns the port of its {@code /ws}. It has no database.
     */
    public static synchronized int startStreaming() {
        if (streaming == null) {
            SharedRedis redis = SharedRedis.get();
            streaming = ServiceJarServer.builder(ServiceJarServer.jarOf("realtime-streaming"))
                    .port(FreePorts.find())
                    .property("spring.data.redis.host", redis.host())
                    .property("spring.data.redis.port", Integer.toString(redis.port()))
                    .property("aiops.security.dev-mode", "true")
                    .property("aiops.security.dev-secret", DEV_SECRET)
                    .property("logging.structured.format.console", "")
                    .start();
        }
        return streaming.port();
    }

    /** The git repository the real porch-adapter publishes to. */
    public static Path porchGit() {
        return porchGit.resolve("packages.git");
    }
}
