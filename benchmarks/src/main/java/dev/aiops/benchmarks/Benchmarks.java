package dev.aiops.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of the benchmark jar: {@code java -jar benchmarks/target/benchmarks-*.jar <name> [args]}. Each
 * benchmark owns one section of {@code docs/PERFORMANCE.md} (see {@link PerformanceReport}), so running one
 * never erases another's figures. Without a name the registry benchmark runs, as it always did.
 */
public final class Benchmarks {

    @FunctionalInterface
    interface Command {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("registry", RegistryBenchmark::main);
        COMMANDS.put("nab", NabBenchmark::main);
        COMMANDS.put("porch", PorchBenchmark::main);
        COMMANDS.put("federation", FederationBenchmark::main);
        COMMANDS.put("gateway", GatewayBenchmark::main);
        COMMANDS.put("chat", ChatBenchmark::main);
        COMMANDS.put("closedloop", ClosedLoopBenchmark::main);
        COMMANDS.put("ves", VesBenchmark::main);
        COMMANDS.put("intent", IntentBenchmark::main);
        COMMANDS.put("dashboard", DashboardBenchmark::main);
        COMMANDS.put("fleet", FleetConsoleBenchmark::main);
        COMMANDS.put("streaming", StreamingBenchmark::main);
    }

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        // The stubs (model, cluster APIs) are the JDK's HttpServer, which writes a response's headers and
        // body in two segments without TCP_NODELAY: Nagle holds the body until the client's delayed ACK,
        // about 40 ms per exchange. That stall is the stub's, not the measured service's.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String name = args.length == 0 ? "registry" : args[0];
        Command command = COMMANDS.get(name);
        if (command == null || name.equals("--help") || name.equals("help")) {
            System.out.println(
                    "usage: java -jar benchmarks.jar <benchmark> [args]   (--help after a name for its own)");
            System.out.println("benchmarks: " + String.join(", ", COMMANDS.keySet()));
            System.exit(command == null && !name.contains("help") ? 2 : 0);
        }
        command.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
        System.exit(0);
    }
}
