package dev.aiops.anomaly.nab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** A NAB-style data folder: {@code <root>/data/<category>/<file>.csv} with the header {@code timestamp,value}. */
public final class NabCorpus {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One series: its path relative to {@code data/} ("category/file.csv") and its points, in file order. */
    public record Series(
            String relativePath, String[] timestamps, String[] rawValues, long[] epochMillis, double[] values) {

        public String category() {
            return relativePath.substring(0, relativePath.indexOf('/'));
        }

        public int length() {
            return values.length;
        }
    }

    private NabCorpus() {}

    /** Every {@code data/<category>/<file>.csv} under the root, sorted by relative path. */
    public static List<Series> load(Path root) throws IOException {
        Path data = root.resolve("data");
        if (!Files.isDirectory(data)) {
            throw new IOException("no data/ folder under " + root);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data, 2)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .filter(p -> data.relativize(p).getNameCount() == 2)
                    .sorted()
                    .toList();
        }
        List<Series> series = new ArrayList<>(files.size());
        for (Path file : files) {
            series.add(read(data.relativize(file).toString().replace('\\', '/'), file));
        }
        return series;
    }

    static Series read(String relativePath, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().startsWith("timestamp,value")) {
            throw new IOException(file + ": expected the header timestamp,value");
        }
        int n = 0;
        String[] timestamps = new String[lines.size() - 1];
        String[] raw = new String[lines.size() - 1];
        long[] millis = new long[lines.size() - 1];
        double[] values = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new IOException(file + ":" + (i + 1) + ": expected timestamp,value");
            }
            timestamps[n] = line.substring(0, comma);
            raw[n] = line.substring(comma + 1);
            millis[n] = parseTime(timestamps[n]);
            values[n] = parseValue(raw[n]);
            n++;
        }
        return new Series(
                relativePath,
                Arrays.copyOf(timestamps, n),
                Arrays.copyOf(raw, n),
                Arrays.copyOf(millis, n),
                Arrays.copyOf(values, n));
    }

    private static long parseTime(String timestamp) {
        String t = timestamp.strip();
        if (t.length() > 19) {
            t = t.substring(0, 19);
        }
        try {
            return LocalDateTime.parse(t, TIMESTAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static double parseValue(String raw) {
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
