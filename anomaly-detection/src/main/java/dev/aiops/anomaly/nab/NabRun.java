package dev.aiops.anomaly.nab;

import dev.aiops.anomaly.DetectorConfig;
import dev.aiops.anomaly.StreamingDetector;
import dev.aiops.anomaly.Verdict;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one fresh {@link StreamingDetector} per series of a NAB-style corpus, point by point in file order, and
 * keeps every point's score and alarm. The detector sees each value once, before the next one exists.
 */
public final class NabRun {

    /** One series' output, aligned with its input points. */
    public record Result(NabCorpus.Series series, double[] scores, boolean[] alarms) {}

    private final List<Result> results;
    private final long points;
    private final long wallNanos;
    private final long cpuNanos;

    private NabRun(List<Result> results, long points, long wallNanos, long cpuNanos) {
        this.results = results;
        this.points = points;
        this.wallNanos = wallNanos;
        this.cpuNanos = cpuNanos;
    }

    public static NabRun run(List<NabCorpus.Series> corpus, DetectorConfig config) {
        List<Result> results = new ArrayList<>(corpus.size());
        long points = 0;
        long wall = 0;
        long cpu = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        for (NabCorpus.Series series : corpus) {
            int n = series.length();
            double[] scores = new double[n];
            boolean[] alarms = new boolean[n];
            long start = System.nanoTime();
            long cpuStart = cpuClock ? threads.getCurrentThreadCpuTime() : 0;
            StreamingDetector detector = new StreamingDetector(config);
            long[] millis = series.epochMillis();
            double[] values = series.values();
            for (int i = 0; i < n; i++) {
                Verdict verdict = detector.score(millis[i], values[i]);
                scores[i] = verdict.score();
                alarms[i] = verdict.alarm();
            }
            wall += System.nanoTime() - start;
            cpu += cpuClock ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
            points += n;
            results.add(new Result(series, scores, alarms));
        }
        return new NabRun(results, points, wall, cpuClock ? cpu : 0);
    }

    public List<Result> results() {
        return results;
    }

    public long points() {
        return points;
    }

    /** Points per wall-clock second through the detectors alone (no file input or output), one thread. */
    public double pointsPerSecond() {
        return wallNanos == 0 ? Double.NaN : points * 1e9 / wallNanos;
    }

    /**
     * Points per second of CPU time of the scoring thread: the single-core rate, which stays meaningful on a
     * shared machine where the thread waits for a core part of the wall-clock time. NaN where the JVM cannot
     * measure thread CPU time.
     */
    public double pointsPerCpuSecond() {
        return cpuNanos == 0 ? Double.NaN : points * 1e9 / cpuNanos;
    }

    /** Writes {@code <out>/<category>/<file>.csv} with the header {@code timestamp,value,anomaly_score,alarm}. */
    public void write(Path out) throws IOException {
        for (Result result : results) {
            Path file = out.resolve(result.series().relativePath());
            Files.createDirectories(file.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write("timestamp,value,anomaly_score,alarm\n");
                String[] timestamps = result.series().timestamps();
                String[] raw = result.series().rawValues();
                for (int i = 0; i < timestamps.length; i++) {
                    writer.write(timestamps[i]);
                    writer.write(',');
                    writer.write(raw[i]);
                    writer.write(',');
                    writer.write(String.format(Locale.ROOT, "%.6f", result.scores()[i]));
                    writer.write(result.alarms()[i] ? ",1\n" : ",0\n");
                }
            }
        }
    }

    /** NAB tallies per labelled file (files the windows file does not name are left out, as the scorer does). */
    public Map<String, NabScorer.Tally> score(NabScorer scorer) {
        Map<String, NabScorer.Tally> perFile = new LinkedHashMap<>();
        for (Result result : results) {
            String path = result.series().relativePath();
            if (scorer.labels(path)) {
                perFile.put(path, scorer.score(path, result.series().timestamps(), result.alarms()));
            }
        }
        return perFile;
    }
}
