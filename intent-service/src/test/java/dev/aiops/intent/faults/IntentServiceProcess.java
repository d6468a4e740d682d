package dev.aiops.intent.faults;

import dev.aiops.intent.IntentServiceApplication;
import dev.aiops.testkit.FreePorts;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.RedisServerHandle;
import dev.aiops.testkit.ServiceJarServer;

/**
 * intent-service in its own JVM (so a test can SIGKILL it), from its main class on the module's class path:
 * its jar is built after its tests. On the test's own database, Redis and port, in dev mode; the services it
 * calls are not there (refused).
 */
final class IntentServiceProcess {

    static final String SECRET = "intent-service-kill-test-secret-of-32-chars-or-more";

    private IntentServiceProcess() {}

    /** The builder; a test adds its own settings and starts it. */
    static ServiceJarServer.Builder builder(
            int port, PostgresDatabase database, RedisServerHandle redis, String instanceId) {
        String nowhere = "http://127.0.0.1:" + FreePorts.find();
        return ServiceJarServer.mainClass(IntentServiceApplication.class.getName(), ServiceJarServer.mainClassPath())
                .port(port)
                .readinessPath("/actuator/health/readiness")
                .property("spring.datasource.url", database.jdbcUrl())
                .property("spring.datasource.username", database.username())
                .property("spring.datasource.password", database.password())
                .property("spring.data.redis.host", redis.host())
                .property("spring.data.redis.port", Integer.toString(redis.port()))
                .property("aiops.security.dev-mode", "true")
                .property("aiops.security.dev-secret", SECRET)
                .property("aiops.services.cluster-registry.url", nowhere)
                .property("aiops.services.porch-adapter.url", nowhere)
                .property("aiops.services.intelligence-engine.url", nowhere)
                .property("aiops.events.instance-id", instanceId)
                .property("logging.structured.format.console", "");
    }
}
