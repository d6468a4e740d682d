package dev.aiops.benchmarks;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedRedis;
import java.nio.file.Path;

/**
 * The platform's service jars as benchmarks run them: fully compiled (not the quick-start JVM options tests
 * use, which would measure C1 code), dev-mode tokens signed with {@link RegistryBenchmark#DEV_SECRET}, and
 * the output kept in {@code benchmarks/target/<name>.log} for the report's notes and for post-mortems.
 */
final class BenchmarkServices {

    private BenchmarkServices() {}

    /** A service with Redis but no database of its own, such as the gateway. */
    static ServiceJarServer.Builder service(Path jar, String name, SharedRedis redis) {
        return ServiceJarServer.builder(jar)
                .jvmOptions()
                .maxHeap("1g")
                .logFile(logFile(name))
                .property("spring.data.redis.host", redis.host())
                .property("spring.data.redis.port", String.valueOf(redis.port()))
                // a loaded machine can take seconds to complete Redis' handshake at start-up
                .property("spring.data.redis.connect-timeout", "30s")
                .property("spring.data.redis.timeout", "30s")
                .property("aiops.security.dev-mode", "true")
                .property("aiops.security.dev-secret", RegistryBenchmark.DEV_SECRET)
                .property("logging.structured.format.console", "")
                .property("logging.level.root", "WARN");
    }

    /** A service with its own database. */
    static ServiceJarServer.Builder service(Path jar, String name, PostgresDatabase db, SharedRedis redis) {
        return service(jar, name, redis)
                .property("spring.datasource.url", db.jdbcUrl())
                .property("spring.datasource.username", db.username())
                .property("spring.datasource.password", db.password());
    }

    static Path logFile(String name) {
        return Path.of("benchmarks", "target", name + ".log").toAbsolutePath();
    }
}
