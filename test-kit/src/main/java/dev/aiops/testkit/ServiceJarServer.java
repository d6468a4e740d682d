package dev.aiops.testkit;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

    /**
     * One of the platform's executable jars: from the test class path, where a test-scoped dependency on the
     * module puts it (and orders the build), else as built beside the calling module.
     */
    public static Path jarOf(String module) {
        // the module's own jar (gateway-0.1.0-SNAPSHOT.jar), not a library named like it (spring-cloud-gateway-…)
        Pattern name = Pattern.compile(Pattern.quote(module) + "-\\d.*\\.jar");
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(entry -> entry.getFileName() != null
                        && name.matcher(entry.getFileName().toString()).matches())
                .findFirst()
                .orElse(Path.of("..", module, "target", module + "-0.1.0-SNAPSHOT.jar"));
    }

    public static Builder builder(Path jar) {
        return new Builder(jar, null, null);
    }

    /**
     * The service run from its main class on a class path instead of its executable jar: for a test of a
     * service that must run that same service as a separate JVM (its jar is only built after the tests).
     * {@link #mainClassPath()} gives the test JVM's own class path without its test classes.
     */
    public static Builder mainClass(String mainClass, String classPath) {
        return new Builder(null, mainClass, classPath);
    }

    /**
     * The class path of this JVM without test classes and test resources ({@code test-classes}), so that a
     * service started with {@link #mainClass} sees its main classes and dependencies only. Surefire puts the
     * class path in a manifest-only jar; its {@code Class-Path} entries are read then.
     */
    public static String mainClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.addAll(manifestClassPath(Path.of(entry)));
        }
        return String.join(
                File.pathSeparator,
                entries.stream()
                        .filter(entry -> !entry.replace('\\', '/').matches(".*/test-classes/?"))
                        .toList());
    }

    private static List<String> manifestClassPath(Path entry) {
        if (!entry.getFileName().toString().startsWith("surefirebooter")) {
            return List.of(entry.toString());
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry.toFile())) {
            String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
            List<String> entries = new ArrayList<>();
            URI base = entry.toAbsolutePath().toUri();
            for (String url : classPath.trim().split("\\s+")) {
                // absolute file URIs or URIs relative to the booter jar, depending on the Surefire version
                entries.add(Path.of(base.resolve(url)).toString());
            }
            return entries;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the class path of " + entry, e);
        }
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** CPU time the service's JVM has used so far, for benchmarks that report cost per request. */
    public Duration cpuTime() {
        return process.cpuTime();
    }

    /** What the service has logged so far. */
    public String log() {
        return process.log();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The service JVM's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Kills the service JVM with SIGKILL (no shutdown hooks, no graceful stop, open transactions cut) and
     * waits until it is gone. Returns the exit code, 137 when SIGKILL ended it, for the caller to check.
     */
    public int kill() {
        return process.kill();
    }

    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {

        private String classPathFile() {
            try {
                Path file = Files.createTempFile("aiops-testkit-classpath-", ".args");
                file.toFile().deleteOnExit();
                Files.writeString(file, "-cp\n\"" + classPath.replace("\\", "\\\\") + "\"\n");
                return file.toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot write the class path of " + mainClass, e);
            }
        }

        /**
         * Tests want a service up fast and small, not fast at steady state: C1 only, the serial collector,
         * the class-data archive.
         */
        private static final List<String> QUICK_START =
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

        private final Path jar;
        private final String mainClass;
        private final String classPath;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private List<String> jvmOptions = QUICK_START;
        private String readinessPath = "/actuator/health";
        private Path logFile;
        private String maxHeap = "384m";
        // a Spring Boot service on a busy two-core machine can take well over a minute to start
        private Duration readyTimeout = Duration.ofMinutes(10);
        private int port;

        private Builder(Path jar, String mainClass, String classPath) {
            this.jar = jar;
            this.mainClass = mainClass;
            this.classPath = classPath;
        }

        /** A Spring property, passed as {@code --name=value}. */
        public Builder property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        /** Several Spring properties at once, as {@link #property} each. */
        public Builder properties(Map<String, String> values) {
            properties.putAll(values);
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

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /**
         * JVM options instead of the quick-start ones tests use; benchmarks pass their own (none, or a
         * collector choice) so that they measure the fully compiled service.
         */
        public Builder jvmOptions(String... options) {
            this.jvmOptions = List.of(options);
            return this;
        }

        /** The path that must answer 200 before the service counts as started, e.g. a readiness group. */
        public Builder readinessPath(String path) {
            this.readinessPath = path;
            return this;
        }

        /** Keep the service's output in this file, which stays after the stop (by default it is removed). */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        public ServiceJarServer start() {
            if (jar != null && !Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar + " not found: build the service first (./mvnw -pl <service> package -DskipTests)");
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            int port = this.port > 0 ? this.port : FreePorts.find();
            List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeap));
            command.addAll(jvmOptions);
            if (jar != null) {
                command.addAll(List.of("-jar", jar.toString()));
            } else {
                // in an argument file: a service's class path can pass the kernel's 128 KiB limit per argument
                command.addAll(List.of("@" + classPathFile(), mainClass));
            }
            command.add("--server.port=" + port);
            properties.forEach((k, v) -> command.add("--" + k + "=" + v));
            String name = jar != null ? jar.getFileName().toString() : mainClass;
            URI ready = URI.create("http://127.0.0.1:" + port + readinessPath);
            Path workDir = ServerProcess.createWorkDir("service");
            Path log = logFile != null ? logFile : workDir.resolve("server.log");
            return new ServiceJarServer(ServerProcess.start(name, command, workDir, log, ready, readyTimeout), port);
        }
    }
}
