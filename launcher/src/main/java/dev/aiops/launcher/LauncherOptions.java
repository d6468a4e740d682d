package dev.aiops.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the launcher.
 *
 * <pre>
 * --wipe               delete the data folder first (a fresh platform)
 * --data-dir DIR       data folder (default: &lt;repo&gt;/data, or $AIOPS_DATA_DIR)
 * --only a,b           start only these services (PostgreSQL and Redis always start)
 * --pg-port N          embedded PostgreSQL port (default 15432, or $AIOPS_PG_PORT)
 * --redis-port N       embedded Redis port (default 16379, or $AIOPS_REDIS_PORT)
 * --no-build           accepted and ignored (run.sh uses it)
 * --help
 * </pre>
 */
public record LauncherOptions(
        boolean wipe, Path dataDir, Set<String> only, int pgPort, int redisPort, boolean noBuild, boolean help) {

    public static final int DEFAULT_PG_PORT = 15432;
    public static final int DEFAULT_REDIS_PORT = 16379;

    public static final String USAGE = """
            Usage: run.sh [--wipe] [--data-dir DIR] [--only svc1,svc2] [--no-build]
                          [--pg-port N] [--redis-port N]

              --wipe           delete the data folder first (fresh database, Redis, secret, logs)
              --data-dir DIR   data folder (default <repo>/data; env AIOPS_DATA_DIR)
              --only LIST      start only these services (comma separated); PostgreSQL and Redis always start
              --no-build       do not build the jars first (run.sh only)
              --pg-port N      embedded PostgreSQL port (default 15432; env AIOPS_PG_PORT)
              --redis-port N   embedded Redis port (default 16379; env AIOPS_REDIS_PORT)

            Services: %s
            """.formatted(String.join(", ", ServiceSpec.names()));

    /** A bad command line; the message says what is wrong. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static LauncherOptions parse(List<String> args, Map<String, String> env, Path defaultDataDir) {
        boolean wipe = false;
        boolean noBuild = false;
        boolean help = false;
        Path dataDir = env.containsKey("AIOPS_DATA_DIR") ? Path.of(env.get("AIOPS_DATA_DIR")) : defaultDataDir;
        Set<String> only = new LinkedHashSet<>();
        int pgPort = port(env.getOrDefault("AIOPS_PG_PORT", String.valueOf(DEFAULT_PG_PORT)), "AIOPS_PG_PORT");
        int redisPort =
                port(env.getOrDefault("AIOPS_REDIS_PORT", String.valueOf(DEFAULT_REDIS_PORT)), "AIOPS_REDIS_PORT");

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--wipe" -> wipe = flag(arg, inlineValue);
                case "--no-build" -> noBuild = flag(arg, inlineValue);
                case "--help", "-h" -> help = true;
                case "--data-dir" -> {
                    String v = inlineValue != null ? inlineValue : value(args, ++i, arg);
                    if (v.isBlank()) {
                        throw new UsageException("--data-dir needs a folder");
                    }
                    dataDir = Path.of(v);
                }
                case "--only" -> {
                    String v = inlineValue != null ? inlineValue : value(args, ++i, arg);
                    Arrays.stream(v.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .forEach(only::add);
                    if (only.isEmpty()) {
                        throw new UsageException("--only needs at least one service name");
                    }
                    try {
                        ServiceSpec.select(only);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--only: " + e.getMessage());
                    }
                }
                case "--pg-port" -> pgPort = port(inlineValue != null ? inlineValue : value(args, ++i, arg), arg);
                case "--redis-port" -> redisPort = port(inlineValue != null ? inlineValue : value(args, ++i, arg), arg);
                default -> throw new UsageException("unknown option: " + args.get(i));
            }
        }
        if (pgPort == redisPort) {
            throw new UsageException("PostgreSQL and Redis cannot share port " + pgPort);
        }
        return new LauncherOptions(
                wipe, dataDir.toAbsolutePath().normalize(), Set.copyOf(only), pgPort, redisPort, noBuild, help);
    }

    public List<ServiceSpec> services() {
        return ServiceSpec.select(only);
    }

    private static boolean flag(String name, String inlineValue) {
        if (inlineValue != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String value, String name) {
        try {
            int p = Integer.parseInt(value.trim());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": not a port number: " + value);
        }
    }
}
