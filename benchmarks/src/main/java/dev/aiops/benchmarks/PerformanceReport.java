package dev.aiops.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes one benchmark's section of {@code docs/PERFORMANCE.md}: the text between
 * {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->} is replaced (or appended when the section is
 * new), everything else in the file is kept.
 */
final class PerformanceReport {

    private static final String TITLE = "# Performance\n\n"
            + "Each section below is written by one benchmark of the `benchmarks` module and says how to reproduce it.\n";

    private PerformanceReport() {}

    /**
     * Writes the section, ending it with when it was written and the machine's load then: on a shared
     * machine a figure means little without it.
     */
    static Path writeSection(Path root, String name, String markdown) throws IOException {
        Path file = root.resolve("docs/PERFORMANCE.md");
        Files.createDirectories(file.getParent());
        String current = Files.isRegularFile(file) ? Files.readString(file) : TITLE;
        String stamped = markdown.strip()
                + String.format(
                        Locale.ROOT,
                        "%n%n_Written %s on %d CPUs; load average (1, 5, 15 min) then: %s._%n",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        Runtime.getRuntime().availableProcessors(),
                        loadAverage());
        Files.writeString(file, replaceSection(current, name, stamped));
        return file;
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
                    .trim()
                    .split(" ");
            return String.join(" ", Arrays.asList(fields).subList(0, Math.min(3, fields.length)));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String replaceSection(String document, String name, String markdown) {
        String open = "<!-- bench:" + name + " -->";
        String close = "<!-- /bench:" + name + " -->";
        String section = open + "\n" + markdown.strip() + "\n" + close;
        int start = document.indexOf(open);
        int end = document.indexOf(close);
        if (start >= 0 && end > start) {
            return document.substring(0, start) + section + document.substring(end + close.length());
        }
        return document.stripTrailing() + "\n\n" + section + "\n";
    }
}
