package dev.aiops.launcher;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The launcher's own terminal output: short timestamped lines, errors to stderr. */
final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Console() {}

    static void info(String message) {
        System.out.println(prefix() + message);
    }

    static void warn(String message) {
        System.err.println(prefix() + "WARNING: " + message);
    }

    static void error(String message) {
        System.err.println(prefix() + "ERROR: " + message);
    }

    static void plain(String message) {
        System.out.println(message);
    }

    private static String prefix() {
        return "[launcher " + LocalTime.now().format(TIME) + "] ";
    }
}
