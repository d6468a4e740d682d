package dev.aiops.launcher;

import dev.aiops.launcher.LauncherOptions.UsageException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One command, no Docker: embedded PostgreSQL and Redis, then every service as its own JVM, then a
 * summary; Ctrl-C (or SIGTERM) stops everything, services first.
 */
public final class Launcher {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    static final Duration STOP_GRACE = Duration.ofSeconds(15);
    static final int PARALLEL_STARTS = 2;
    static final String PID_FILE = "launcher.pid";

    private Launcher() {}

    public static void main(String[] args) {
        // zonky logs through slf4j-simple: only warnings and errors on the terminal
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        int code;
        try {
            code = run(args);
        } catch (InterruptedException e) {
            // a shutdown (Ctrl-C) interrupted start-up; the shutdown hook is cleaning up
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | IOException e) {
            Console.error(e.toString());
            code = 1;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args) throws IOException, InterruptedException {
        Path root = repoRoot();
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(Arrays.asList(args), System.getenv(), root.resolve("data"));
        } catch (UsageException e) {
            System.err.println("launcher: " + e.getMessage());
            System.err.println();
            System.err.print(LauncherOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            System.out.print(LauncherOptions.USAGE);
            return 0;
        }
        List<ServiceSpec> services = options.services();
        Path dataDir = options.dataDir();
        Path logsDir = dataDir.resolve("logs");

        // 1. every jar present?
        Map<ServiceSpec, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ServiceSpec spec : services) {
            Optional<Path> jar = spec.findJar(root);
            if (jar.isPresent()) {
                jars.put(spec, jar.get());
            } else {
                missing.add(spec.name() + " (expected " + spec.jarPath(root) + ")");
            }
        }
        if (!missing.isEmpty()) {
            Console.error("service jar(s) missing:\n  " + String.join("\n  ", missing)
                    + "\nBuild them first: ./run.sh (without --no-build), or in " + root
                    + ": ./mvnw -q -DskipTests package\nor start only some services with --only.");
            return 1;
        }

        // 2. leftovers of a previous run?
        Path pidFile = dataDir.resolve(PID_FILE);
        Optional<Long> previous = readPid(pidFile);
        if (previous.isPresent() && previous.get() != ProcessHandle.current().pid()) {
            // alive and a JVM: a recycled pid of an unrelated program does not block the start
            Optional<ProcessHandle> alive = ProcessHandle.of(previous.get())
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("java")).orElse(true));
            if (alive.isPresent()) {
                Console.error("another launcher (pid " + previous.get() + ") is running on " + dataDir
                        + ". Stop it first (Ctrl-C in its terminal, or: kill " + previous.get() + ").");
                return 1;
            }
            Console.warn("the previous run (pid " + previous.get() + ") did not shut down cleanly");
            Map<String, Long> leftovers = aliveChildren(pidFile);
            if (!leftovers.isEmpty()) {
                Console.error("processes of that run are still running: "
                        + String.join(
                                ", ",
                                leftovers.entrySet().stream()
                                        .map(e -> e.getKey() + " (pid " + e.getValue() + ")")
                                        .toList())
                        + "\nStop them with: kill "
                        + String.join(
                                " ",
                                leftovers.values().stream().map(String::valueOf).toList())
                        + "\nthen run again.");
                return 1;
            }
        }
        List<Integer> ports = new ArrayList<>(List.of(options.pgPort(), options.redisPort()));
        services.forEach(s -> ports.add(s.port()));
        List<Integer> taken = PortCheck.taken(ports);
        if (!taken.isEmpty()) {
            Console.error(portsTakenMessage(taken, options, services, dataDir));
            return 1;
        }

        // 3. data folder
        if (options.wipe()) {
            wipe(dataDir, root);
        }
        Files.createDirectories(logsDir);
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        String secret = DevSecret.loadOrCreate(dataDir.resolve(DevSecret.FILE_NAME));

        InfraProcesses infra = new InfraProcesses(dataDir, logsDir, options.pgPort(), options.redisPort());
        ServiceSupervisor supervisor = new ServiceSupervisor(
                ServiceSupervisor.javaCommand(ServiceSupervisor.currentJava(), jars, extraJavaFlags()),
                serviceEnvironment(infra, secret, dataDir),
                logsDir,
                dataDir,
                START_TIMEOUT,
                PARALLEL_STARTS);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> shutdown(supervisor, infra, pidFile), "launcher-shutdown"));

        supervisor.onStarted((spec, pid) -> recordChild(pidFile, spec.name(), pid));

        // 4. PostgreSQL + Redis, then the services
        long started = System.nanoTime();
        try {
            infra.start();
        } catch (IOException | RuntimeException e) {
            infra.pids().forEach((name, pid) -> recordChild(pidFile, name, pid));
            Console.error("could not start PostgreSQL/Redis: " + e.getMessage() + "\n  see " + logsDir);
            return 1;
        }
        infra.pids().forEach((name, pid) -> recordChild(pidFile, name, pid));
        try {
            supervisor.startAll(services);
        } catch (ServiceSupervisor.StartupFailure e) {
            Console.error(e.getMessage());
            System.err.println("---- last lines of " + supervisor.logFile(e.service()) + " ----");
            e.logTail().forEach(l -> System.err.println("  | " + l));
            System.err.println("----");
            LogFiles.lastLineContaining(supervisor.logFile(e.service()), "Caused by:")
                    .ifPresent(cause -> Console.error("root cause: " + cause.trim()));
            return 1;
        }

        printSummary(services, infra, dataDir, logsDir, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        new CountDownLatch(1).await(); // until Ctrl-C / SIGTERM
        return 0;
    }

    static Map<String, String> serviceEnvironment(InfraProcesses infra, String secret, Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("SPRING_DATASOURCE_URL", infra.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", InfraProcesses.DB_USER);
        env.put("SPRING_DATASOURCE_PASSWORD", InfraProcesses.DB_PASSWORD);
        env.put("SPRING_DATA_REDIS_HOST", "localhost");
        env.put("SPRING_DATA_REDIS_PORT", String.valueOf(infra.redisPort()));
        env.put("AIOPS_SECURITY_DEV_MODE", "true");
        env.put("AIOPS_SECURITY_DEV_SECRET", secret);
        // clusters and their Prometheus on this machine are the point of a local run; production refuses loopback
        env.put("AIOPS_REGISTRY_URL_GUARD_ALLOW_LOOPBACK", "true");
        env.put("AIOPS_INTENT_HEALTH_URL_GUARD_ALLOW_LOOPBACK", "true");
        env.put("AIOPS_COLLECTOR_FEDERATION_URL_GUARD_ALLOW_LOOPBACK", "true");
        env.put("AIOPS_PORCH_GIT_DIRECTORY", dataDir.resolve("packages.git").toString());
        // no OTLP receiver runs in the embedded mode: without this every service logs a failed push
        // to localhost:4318 each minute. Set it in your environment to override.
        if (System.getenv("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED") == null) {
            env.put("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED", "false");
        }
        return env;
    }

    private static List<String> extraJavaFlags() {
        String opts = System.getenv("AIOPS_SERVICE_JAVA_OPTS");
        if (opts == null || opts.isBlank()) {
            return List.of();
        }
        return Arrays.stream(opts.trim().split("\\s+")).toList();
    }

    private static void shutdown(ServiceSupervisor supervisor, InfraProcesses infra, Path pidFile) {
        Console.info("shutting down");
        try {
            supervisor.stopAll(STOP_GRACE);
        } finally {
            infra.close();
            try {
                Optional<Long> pid = readPid(pidFile);
                if (pid.isPresent() && pid.get() == ProcessHandle.current().pid()) {
                    Files.deleteIfExists(pidFile);
                }
            } catch (IOException e) {
                // leaving it is harmless: the next run sees the pid is not alive
            }
            Console.info("stopped; nothing left running");
        }
    }

    private static void printSummary(
            List<ServiceSpec> services, InfraProcesses infra, Path dataDir, Path logsDir, long seconds) {
        String line = "=".repeat(78);
        Console.plain("");
        Console.plain(line);
        Console.plain(" AIOps NextGen is up (" + services.size() + " service(s) in " + seconds + " s)");
        Console.plain(line);
        for (ServiceSpec s : services) {
            Console.plain(String.format("  %-24s %s", s.name(), s.baseUrl()));
        }
        boolean gateway = services.stream().anyMatch(ServiceSpec::isGateway);
        if (gateway) {
            Console.plain("");
            Console.plain(String.format("  %-24s %s", "Gateway (use this)", "http://localhost:8080"));
            Console.plain(String.format("  %-24s %s", "Swagger UI", "http://localhost:8080/swagger-ui.html"));
        }
        Console.plain(String.format("  %-24s %s (user postgres)", "PostgreSQL", infra.jdbcUrl()));
        Console.plain(String.format("  %-24s localhost:%d", "Redis", infra.redisPort()));
        Console.plain(String.format("  %-24s %s", "Logs", logsDir));
        Console.plain(String.format("  %-24s %s", "Data", dataDir));
        if (gateway) {
            Console.plain("");
            Console.plain("  Dev sign-in:");
            Console.plain(
                    "    TOKEN=$(curl -s -X POST localhost:8080/auth/dev-token -H 'Content-Type: application/json'"
                            + " -d '{\"user\":\"alice\",\"roles\":[\"admin\"]}' | jq -r .access_token)");
            Console.plain("    curl -H \"Authorization: Bearer $TOKEN\" localhost:8080/api/v1/clusters");
        }
        Console.plain("");
        Console.plain("  Press Ctrl-C to stop everything.");
        Console.plain(line);
    }

    static String portsTakenMessage(
            List<Integer> taken, LauncherOptions options, List<ServiceSpec> services, Path dataDir) {
        StringBuilder sb = new StringBuilder("port(s) already in use:");
        for (int port : taken) {
            sb.append("\n  ")
                    .append(port)
                    .append(" (")
                    .append(describePort(port, options, services))
                    .append(')');
        }
        sb.append("\nProbably processes left over from a previous run that was killed, or another program.");
        readPid(dataDir.resolve("postgres").resolve("postmaster.pid"))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .ifPresent(pid -> sb.append("\nA PostgreSQL from an earlier run is still running: kill ")
                        .append(pid));
        sb.append("\nFind them with: ss -ltnp | grep -E ':(")
                .append(String.join("|", taken.stream().map(String::valueOf).toList()))
                .append(")\\b'   (or lsof -i :PORT), stop them, and run again.");
        return sb.toString();
    }

    private static String describePort(int port, LauncherOptions options, List<ServiceSpec> services) {
        if (port == options.pgPort()) {
            return "PostgreSQL";
        }
        if (port == options.redisPort()) {
            return "Redis";
        }
        return services.stream()
                .filter(s -> s.port() == port)
                .map(ServiceSpec::name)
                .findFirst()
                .orElse("?");
    }

    private static final Set<String> DATA_MARKERS =
            Set.of(DevSecret.FILE_NAME, PID_FILE, "postgres", "redis", "logs", "packages.git");

    /** Deletes the data folder, refusing anything that does not look like one. */
    static void wipe(Path dataDir, Path repoRoot) throws IOException {
        if (!Files.exists(dataDir)) {
            return;
        }
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.getParent() == null
                || dir.equals(home)
                || dir.equals(repoRoot.toAbsolutePath().normalize())) {
            throw new IllegalStateException("refusing to wipe " + dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> unknown = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !DATA_MARKERS.contains(n))
                    .toList();
            boolean looksLikeData;
            try (Stream<Path> again = Files.list(dir)) {
                looksLikeData = again.anyMatch(
                        p -> DATA_MARKERS.contains(p.getFileName().toString()));
            }
            if (!looksLikeData && !unknown.isEmpty()) {
                throw new IllegalStateException("refusing to wipe " + dir
                        + ": it does not look like a launcher data folder (no dev-secret, postgres/, redis/ or logs/)");
            }
        }
        Console.info("wiping " + dir);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Adds "{@code <pid> <name>}" to the pid file: if this launcher is killed (SIGKILL, OOM killer,
     * closed terminal), the next run can name the leftovers and give the exact kill command.
     */
    static synchronized void recordChild(Path pidFile, String name, long pid) {
        try {
            Files.writeString(
                    pidFile,
                    pid + " " + name + "\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            Console.warn("could not record pid of " + name + " in " + pidFile + ": " + e.getMessage());
        }
    }

    /** The children listed in a pid file (lines after the first) that are still alive. */
    static Map<String, Long> aliveChildren(Path pidFile) {
        Map<String, Long> alive = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2) {
                    try {
                        long pid = Long.parseLong(parts[0]);
                        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                            alive.put(parts[1], pid);
                        }
                    } catch (NumberFormatException ignored) {
                        // not a pid line
                    }
                }
            }
        } catch (IOException e) {
            // no file, nothing known
        }
        return alive;
    }

    static Optional<Long> readPid(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                    .findFirst()
                    .orElse("")
                    .trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The repository root: {@code $AIOPS_HOME}, else the folder holding {@code launcher/} above this
     * jar ({@code <root>/launcher/target/launcher-*.jar}) or classes folder, else the working folder.
     */
    static Path repoRoot() {
        String home = System.getenv("AIOPS_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        try {
            Path self = Path.of(Launcher.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
            for (Path p = self.getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("launcher").resolve("pom.xml"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }
}
