package dev.aiops.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** One platform service: its Maven module (also its name) and its HTTP port. */
public record ServiceSpec(String name, int port) {

    /** Version of the service jars produced by the reactor build. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    public static final String GATEWAY = "gateway";

    /**
     * Every service, in start order: back-ends first, the gateway last (it routes to the others and
     * its circuit breakers would otherwise open on a cold start).
     */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("cluster-registry", 8081),
            new ServiceSpec("observability-collector", 8082),
            new ServiceSpec("intelligence-engine", 8083),
            new ServiceSpec("intent-service", 8084),
            new ServiceSpec("porch-adapter", 8085),
            new ServiceSpec("realtime-streaming", 8086),
            new ServiceSpec(GATEWAY, 8080));

    public static List<String> names() {
        return ALL.stream().map(ServiceSpec::name).toList();
    }

    /** The services to run: all of them, or those named in {@code only}, kept in start order. */
    public static List<ServiceSpec> select(Collection<String> only) {
        if (only == null || only.isEmpty()) {
            return ALL;
        }
        Set<String> wanted = Set.copyOf(only);
        List<String> unknown =
                wanted.stream().filter(n -> !names().contains(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown service(s) " + unknown + "; known services are " + String.join(", ", names()));
        }
        return ALL.stream().filter(s -> wanted.contains(s.name())).toList();
    }

    public boolean isGateway() {
        return GATEWAY.equals(name);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String healthUrl() {
        return baseUrl() + "/actuator/health";
    }

    /** Where the reactor build puts the service's executable jar. */
    public Path jarPath(Path repoRoot) {
        return repoRoot.resolve(name).resolve("target").resolve(name + "-" + VERSION + ".jar");
    }

    /**
     * The executable jar if there is one: {@link #jarPath} or, if the version changed, the only other
     * {@code <module>-*.jar} in {@code target/} that is not a sources/javadoc/tests jar.
     */
    public java.util.Optional<Path> findJar(Path repoRoot) {
        Path exact = jarPath(repoRoot);
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        Path target = exact.getParent();
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.list(target)) {
            files.filter(p -> {
                        String f = p.getFileName().toString();
                        return f.startsWith(name + "-")
                                && f.endsWith(".jar")
                                && !f.endsWith("-sources.jar")
                                && !f.endsWith("-javadoc.jar")
                                && !f.endsWith("-tests.jar")
                                && !f.endsWith("-plain.jar");
                    })
                    .forEach(candidates::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }
}
