package dev.aiops.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the platform's own services run from its executable jar as a separate JVM, for tests of another
 * service that must talk to the real thing (e.g. the collector reading clusters from cluster-registry).
 * Ready once {@code /actuator/health} answers 200.
 *
 * <pre>{@code
 * try (ServiceJarServer registry = ServiceJarServer.builder(Path.of(jar))
 *         .property("spring.datasource.url", url)
 *         .start()) {
 *     registry.url();
 * }
 * }</pre>
 */
public final class ServiceJarServer implements AutoCloseable {

    private final ServerProcess process;
    private final int port;

    private ServiceJarServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A free loopback port, for {@link Builder#port(int)}. */
    public static int freePort() {
        return FreePorts.find();
    }

    public static Builder builder(Path jar) {
        return new Builder(jar);
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What the service has logged so far. */
    public String log() {
        return process.log();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {

        private final Path jar;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String maxHeap = "384m";
        // a Spring Boot service on a busy two-core machine can take well over a minute to start
        private java.time.Duration readyTimeout = java.time.Duration.ofMinutes(10);
        private int port;

        private Builder(Path jar) {
            this.jar = jar;
        }

        /** A Spring property, passed as {@code --name=value}. */
        public Builder property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        public Builder maxHeap(String heap) {
            this.maxHeap = heap;
            return this;
        }

        /** Listen on this port instead of a free one picked at start (so callers can know the URL early). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder readyTimeout(java.time.Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public ServiceJarServer start() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar + " not found: build the service first (./mvnw -pl <service> package -DskipTests)");
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            int port = this.port > 0 ? this.port : FreePorts.find();
            List<String> command = new ArrayList<>(List.of(
                    java.toString(),
                    "-Xmx" + maxHeap,
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xshare:auto",
                    "-jar",
                    jar.toString()));
            command.add("--server.port=" + port);
            properties.forEach((k, v) -> command.add("--" + k + "=" + v));
            String name = jar.getFileName().toString();
            URI ready = URI.create("http://127.0.0.1:" + port + "/actuator/health");
            return new ServiceJarServer(
                    ServerProcess.start(name, command, ServerProcess.createWorkDir("service"), ready, readyTimeout),
                    port);
        }
    }
}
