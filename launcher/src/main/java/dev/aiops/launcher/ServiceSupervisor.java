package dev.aiops.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Starts each service as its own JVM, waits for its {@code /actuator/health} to say UP, watches it
 * while it runs and stops it (with its descendants) at the end.
 */
public final class ServiceSupervisor {

    /** Why a service did not come up; carries the tail of its log. */
    public static final class StartupFailure extends Exception {
        private final ServiceSpec service;
        private final List<String> logTail;

        StartupFailure(ServiceSpec service, String message, List<String> logTail) {
            super(service.name() + ": " + message);
            this.service = service;
            this.logTail = logTail;
        }

        public ServiceSpec service() {
            return service;
        }

        public List<String> logTail() {
            return logTail;
        }
    }

    private final Function<ServiceSpec, List<String>> command;
    private final Map<String, String> environment;
    private final Path logsDir;
    private final Path workingDir;
    private final Duration startTimeout;
    private final int parallelism;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Map<ServiceSpec, Process> running = new LinkedHashMap<>();
    /** Services that have been UP: only their death is reported by the watcher (start-up reports its own). */
    private final Set<ServiceSpec> wasUp = ConcurrentHashMap.newKeySet();

    private volatile boolean stopping;
    private volatile BiConsumer<ServiceSpec, Long> onStarted = (spec, pid) -> {};

    /**
     * @param command the command line that starts a service (see {@link #javaCommand})
     * @param environment added to the launcher's own environment for every service
     */
    public ServiceSupervisor(
            Function<ServiceSpec, List<String>> command,
            Map<String, String> environment,
            Path logsDir,
            Path workingDir,
            Duration startTimeout,
            int parallelism) {
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.logsDir = logsDir;
        this.workingDir = workingDir;
        this.startTimeout = startTimeout;
        this.parallelism = parallelism;
    }

    /**
     * JVM flags for a 2-core machine running 8 JVMs at once (the launcher, 7 services):
     *
     * <ul>
     *   <li>{@code -XX:+UseSerialGC}: no parallel/concurrent GC threads competing for 2 cores, and the
     *       smallest footprint; pauses on a few-hundred-MB heap are short;
     *   <li>{@code -XX:TieredStopAtLevel=1}: C1 only; start-up is dominated by JIT work and C2 would
     *       burn a core per JVM for throughput a dev platform does not need;
     *   <li>{@code -Xmx384m}, {@code -XX:MaxMetaspaceSize=256m}: bounded, so 7 services stay under ~5
     *       GB even in the worst case, and a leak fails one JVM instead of swapping the machine;
     *   <li>{@code -Xss512k}: half the default thread stack; Tomcat/Netty/Lettuce start many threads;
     *   <li>{@code -XX:+ExitOnOutOfMemoryError}: a JVM out of memory dies (and is reported) instead of
     *       limping on.
     * </ul>
     *
     * Extra flags can be appended with the {@code AIOPS_SERVICE_JAVA_OPTS} environment variable.
     */
    public static final List<String> JVM_FLAGS = List.of(
            "-Xss512k",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx384m",
            "-XX:MaxMetaspaceSize=256m",
            "-XX:+ExitOnOutOfMemoryError");

    /** {@code <java> <flags> -jar <jar>}, with the same {@code java} that runs the launcher. */
    public static Function<ServiceSpec, List<String>> javaCommand(
            String javaExecutable, Map<ServiceSpec, Path> jars, List<String> extraFlags) {
        return spec -> {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaExecutable);
            cmd.addAll(JVM_FLAGS);
            cmd.addAll(extraFlags);
            cmd.add("-jar");
            cmd.add(jars.get(spec).toString());
            return cmd;
        };
    }

    /** The {@code java} executable of this JVM. */
    public static String currentJava() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Called with each service's pid once its JVM is started (the launcher records it). */
    public void onStarted(BiConsumer<ServiceSpec, Long> listener) {
        this.onStarted = listener;
    }

    public Path logFile(ServiceSpec spec) {
        return logsDir.resolve(spec.name() + ".log");
    }

    /**
     * Starts the services, {@code parallelism} at a time, in list order; the gateway (if present) only
     * after all others are UP. Returns when all are UP; throws at the first one that is not.
     */
    public void startAll(List<ServiceSpec> services) throws StartupFailure, InterruptedException {
        List<ServiceSpec> backends =
                services.stream().filter(s -> !s.isGateway()).toList();
        List<ServiceSpec> gateway =
                services.stream().filter(ServiceSpec::isGateway).toList();
        startBatch(backends);
        startBatch(gateway);
    }

    private void startBatch(List<ServiceSpec> services) throws StartupFailure, InterruptedException {
        if (services.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, services.size()), r -> {
            Thread t = new Thread(r, "service-starter");
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<ServiceSpec> completion = new ExecutorCompletionService<>(pool);
            List<Future<ServiceSpec>> futures = new ArrayList<>();
            for (ServiceSpec spec : services) {
                futures.add(completion.submit(() -> {
                    startAndAwait(spec);
                    return spec;
                }));
            }
            for (int i = 0; i < services.size(); i++) {
                try {
                    completion.take().get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof StartupFailure failure) {
                        throw failure;
                    }
                    if (e.getCause() instanceof InterruptedException ie) {
                        throw ie;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void startAndAwait(ServiceSpec spec) throws StartupFailure, InterruptedException, IOException {
        Process process = launch(spec);
        Path log = logFile(spec);
        long started = System.nanoTime();
        long deadline = started + startTimeout.toNanos();
        String lastProblem = "no answer yet";
        while (true) {
            if (stopping) {
                throw new InterruptedException("stopping");
            }
            if (!process.isAlive()) {
                throw new StartupFailure(
                        spec, "exited with code " + process.exitValue() + " while starting", LogFiles.tail(log, 30));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(spec.healthUrl()))
                                .timeout(Duration.ofSeconds(3))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && HealthStatus.isUp(response.body())) {
                    wasUp.add(spec);
                    Console.info(String.format(
                            "%-24s UP on %s (%d s)",
                            spec.name(), spec.baseUrl(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)));
                    return;
                }
                lastProblem = "HTTP " + response.statusCode() + " "
                        + HealthStatus.topLevelStatus(response.body()).orElse(abbreviate(response.body()));
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (System.nanoTime() > deadline) {
                throw new StartupFailure(
                        spec,
                        "not UP after " + startTimeout.toSeconds() + " s (last health answer: " + lastProblem + ")",
                        LogFiles.tail(log, 30));
            }
            Thread.sleep(1000);
        }
    }

    private Process launch(ServiceSpec spec) throws IOException, InterruptedException {
        Path log = logFile(spec);
        Files.createDirectories(logsDir);
        LogFiles.rotate(log);
        ProcessBuilder builder = new ProcessBuilder(command.apply(spec))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(spec.port()));
        Process process;
        synchronized (running) {
            if (stopping) {
                throw new InterruptedException("stopping");
            }
            Console.info("starting " + spec.name() + " on port " + spec.port() + " (log " + log + ")");
            process = builder.start();
            running.put(spec, process);
        }
        onStarted.accept(spec, process.pid());
        process.onExit().thenAccept(p -> reportExit(spec, p));
        return process;
    }

    private void reportExit(ServiceSpec spec, Process process) {
        if (stopping || !wasUp.contains(spec)) {
            return;
        }
        int code = process.exitValue();
        if (code == 130 || code == 143) {
            // SIGINT/SIGTERM: Ctrl-C in the terminal reaches the whole process group, services included
            Console.info(spec.name() + " stopped by a signal (exit code " + code + ")");
            return;
        }
        String bar = "!".repeat(78);
        System.err.println();
        System.err.println(bar);
        Console.error("SERVICE " + spec.name().toUpperCase() + " DIED (exit code " + code + "). "
                + "The other services keep running. Last lines of " + logFile(spec) + ":");
        LogFiles.tail(logFile(spec), 30).forEach(line -> System.err.println("  | " + line));
        System.err.println(bar);
        System.err.println();
    }

    /** The processes started so far (for tests and diagnostics). */
    public Map<ServiceSpec, Process> running() {
        synchronized (running) {
            return Map.copyOf(running);
        }
    }

    /**
     * Stops every service: SIGTERM to all at once (and to their descendants), then up to {@code grace}
     * for them to exit, then SIGKILL for the rest. Idempotent; no service starts after this.
     */
    public void stopAll(Duration grace) {
        Map<ServiceSpec, Process> toStop;
        synchronized (running) {
            stopping = true;
            toStop = new LinkedHashMap<>(running);
            running.clear();
        }
        if (toStop.isEmpty()) {
            return;
        }
        Console.info("stopping "
                + String.join(
                        ", ", toStop.keySet().stream().map(ServiceSpec::name).toList()));
        Map<Process, List<ProcessHandle>> descendants = new LinkedHashMap<>();
        toStop.values().forEach(p -> descendants.put(p, p.descendants().toList()));
        descendants.forEach((p, kids) -> {
            p.destroy();
            kids.forEach(ProcessHandle::destroy);
        });
        long deadline = System.nanoTime() + grace.toNanos();
        for (Map.Entry<ServiceSpec, Process> e : toStop.entrySet()) {
            Process p = e.getValue();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    Console.warn(e.getKey().name() + " did not stop within " + grace.toSeconds() + " s; killing it");
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ie) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        descendants.values().stream()
                .flatMap(List::stream)
                .filter(ProcessHandle::isAlive)
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }
}
