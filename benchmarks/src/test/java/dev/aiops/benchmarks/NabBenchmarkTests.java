package dev.aiops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabBenchmarkTests {

    @TempDir
    Path temp;

    @Test
    void shouldWriteOneResultFilePerInputFileWithEveryPointAndReportTheRate() throws Exception {
        Path data = temp.resolve("nab");
        Files.createDirectories(data.resolve("data/demo"));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        LocalDateTime start = LocalDateTime.of(2024, 3, 1, 0, 0);
        for (int t = 0; t < 1_200; t++) {
            double value = 20 + 10 * Math.sin(2 * Math.PI * t / 96) + (t == 1_000 ? 80 : 0);
            csv.append(start.plusMinutes(15L * t).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.3f", value))
                    .append('\n');
        }
        Files.writeString(data.resolve("data/demo/series.csv"), csv);
        Path out = temp.resolve("results");

        String printed =
                capture(() -> NabBenchmark.main(new String[] {"--data", data.toString(), "--out", out.toString()}));

        List<String> lines = Files.readAllLines(out.resolve("demo/series.csv"));
        assertThat(lines).hasSize(1_201);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,alarm");
        assertThat(lines.get(1_001)).startsWith("2024-03-11 10:00:00,105.000,").endsWith(",1");
        assertThat(printed).contains("points/s");
    }

    @Test
    void shouldPrintItsUsageOnHelp() throws Exception {
        String printed = capture(() -> NabBenchmark.main(new String[] {"--help"}));

        assertThat(printed).contains("--data", "--out", "timestamp,value,anomaly_score,alarm");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String capture(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
