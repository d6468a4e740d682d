package dev.aiops.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one benchmark's section of {@code docs/PERFORMANCE.md}: the text between
 * {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->} is replaced (or appended when the section is
 * new), everything else in the file is kept.
 */
final class PerformanceReport {

    private static final String TITLE = "# Performance\n\n"
            + "Each section below is written by one benchmark of the `benchmarks` module and says how to reproduce it.\n";

    private PerformanceReport() {}

    static Path writeSection(Path root, String name, String markdown) throws IOException {
        Path file = root.resolve("docs/PERFORMANCE.md");
        Files.createDirectories(file.getParent());
        String current = Files.isRegularFile(file) ? Files.readString(file) : TITLE;
        Files.writeString(file, replaceSection(current, name, markdown));
        return file;
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
