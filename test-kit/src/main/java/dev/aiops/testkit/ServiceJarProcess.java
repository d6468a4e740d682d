package dev.aiops.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another platform service, run for real from its executable jar as a child JVM, for tests of a service
 * that calls it (the intent service planning against the cluster registry, for example). Ready once its
 * readiness group answers 200; stopped with the test JVM at the latest.
 */
public final class ServiceJarProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final ServerProcess process;
    private final int port;

    private ServiceJarProcess(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Runs {@code jar} on a free port with {@code properties} as {@code --key=value} arguments.
     *
     * @throws IllegalStateException if the jar is missing (build the service first) or it does not start
     */
    public static ServiceJarProcess start(String name, Path jar, Map<String, String> properties) {
        return start(name, jar, FreePorts.find(), properties);
    }

    /** As above on a port the caller reserved, for a URL that must be known before the service starts. */
    public static ServiceJarProcess start(String name, Path jar, int port, Map<String, String> properties) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " not found: build " + name + " first (mvn -pl " + name + " -am install -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        URI ready = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        return new ServiceJarProcess(
                ServerProcess.start(name, command, ServerProcess.createWorkDir(name), ready, READY_TIMEOUT), port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.stop();
    }
}
