package dev.aiops.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aiops.anomaly.DetectorConfig;
import dev.aiops.anomaly.Sensitivity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabPipelineTests {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path temp;

    @Test
    void shouldWriteEveryInputPointInOrderWithTheScorersHeader() throws IOException {
        Path root = syntheticCorpus(temp.resolve("corpus"));
        NabRun run = NabRun.run(NabCorpus.load(root), DetectorConfig.of(Sensitivity.MEDIUM));
        Path out = temp.resolve("results");
        run.write(out);

        List<String> input = Files.readAllLines(root.resolve("data/synthetic/spike.csv"));
        List<String> output = Files.readAllLines(out.resolve("synthetic/spike.csv"));
        assertThat(output.get(0)).isEqualTo("timestamp,value,anomaly_score,alarm");
        assertThat(output).hasSameSizeAs(input);
        for (int i = 1; i < input.size(); i++) {
            String[] cells = output.get(i).split(",");
            assertThat(cells[0] + "," + cells[1]).isEqualTo(input.get(i));
            assertThat(Double.parseDouble(cells[2])).isBetween(0.0, 1.0);
            assertThat(cells[3]).isIn("0", "1");
        }
        // the spike at point 1,500 sits in the labelled window, so the in-process score is positive
        Map<String, NabScorer.Tally> perFile = run.score(NabScorer.load(root, NabScorer.Profile.STANDARD));
        assertThat(perFile.get("synthetic/spike.csv").normalized()).isGreaterThan(50);
    }

    @Test
    void shouldScoreLikeTheNabScorerScript() throws Exception {
        Optional<Path> script = sharedFile("tools/nab-score");
        assumeTrue(script.isPresent() && python3Available(), "needs ../shared/tools/nab-score and python3");
        Path root = syntheticCorpus(temp.resolve("corpus"));
        NabRun run = NabRun.run(NabCorpus.load(root), DetectorConfig.of(Sensitivity.EXTREME));
        Path out = temp.resolve("results");
        run.write(out);
        Map<String, Double> python = runScorer(script.get(), out, root);
        NabEvaluation.Row row = NabEvaluation.row(0.05, run, NabScorer.load(root, NabScorer.Profile.STANDARD));
        assertThat(python.get("ALL")).isCloseTo(row.all().normalized(), within(0.051));
    }

    /**
     * The whole public NAB corpus through the pipeline and the scorer. Prints the figures; asserts only that the
     * detector does better than a trivial baseline on the same data and that both scorers agree, not a tuned
     * number (the figures of record are in docs/PERFORMANCE.md).
     */
    @Test
    void shouldBeatARollingThreeSigmaBaselineOnThePublicNabCorpus() throws Exception {
        Optional<Path> nab = sharedFile("datasets/nab");
        assumeTrue(nab.isPresent(), "needs the NAB data in ../shared/datasets/nab");
        Path root = nab.get();
        List<NabCorpus.Series> corpus = NabCorpus.load(root);
        NabScorer scorer = NabScorer.load(root, NabScorer.Profile.STANDARD);

        NabRun run = NabRun.run(corpus, DetectorConfig.of(Sensitivity.MEDIUM));
        NabEvaluation.Row ours = NabEvaluation.row(Sensitivity.MEDIUM.threshold(), run, scorer);
        NabEvaluation.Row baseline = ThreeSigmaBaseline.evaluate(corpus, scorer);
        System.out.printf(Locale.ROOT, "NAB standard profile, detector:  %s%n", NabEvaluation.summary(ours));
        System.out.printf(Locale.ROOT, "NAB standard profile, 3-sigma:   %s%n", NabEvaluation.summary(baseline));
        System.out.printf(
                Locale.ROOT, "%d points, %.0f points per CPU second%n", run.points(), run.pointsPerCpuSecond());

        Optional<Path> script = sharedFile("tools/nab-score");
        if (script.isPresent() && python3Available()) {
            Path out = temp.resolve("nab-results");
            run.write(out);
            Map<String, Double> python = runScorer(script.get(), out, root);
            System.out.println("nab-score: " + python);
            assertThat(python.get("ALL")).isCloseTo(ours.all().normalized(), within(0.051));
        }
        assertThat(ours.all().normalized()).isGreaterThan(baseline.all().normalized() + 10);
        for (String group : ours.groups().keySet()) {
            assertThat(ours.score(group)).as(group).isGreaterThan(baseline.score(group));
        }
    }

    /** windowedGaussian-like: alarm when a point is over 3 standard deviations from the last 1,000 points' mean. */
    static final class ThreeSigmaBaseline {

        static NabEvaluation.Row evaluate(List<NabCorpus.Series> corpus, NabScorer scorer) {
            Map<String, NabScorer.Tally> groups = new LinkedHashMap<>();
            NabScorer.Tally all = new NabScorer.Tally(0, 0, 0);
            for (NabCorpus.Series series : corpus) {
                if (!scorer.labels(series.relativePath())) {
                    continue;
                }
                double[] v = series.values();
                boolean[] alarms = new boolean[v.length];
                double sum = 0;
                double squares = 0;
                long lastAlarm = -1_000_000;
                for (int t = 0; t < v.length; t++) {
                    int n = Math.min(t, 1_000);
                    if (n >= 30) {
                        double mean = sum / n;
                        double sd = Math.sqrt(Math.max(squares / n - mean * mean, 0));
                        // the same warm-up and quiet period as the detector, so only the statistic differs
                        alarms[t] = t > 150 && t - lastAlarm > 50 && Math.abs(v[t] - mean) > 3 * sd;
                        if (alarms[t]) {
                            lastAlarm = t;
                        }
                    }
                    sum += v[t];
                    squares += v[t] * v[t];
                    if (t >= 1_000) {
                        sum -= v[t - 1_000];
                        squares -= v[t - 1_000] * v[t - 1_000];
                    }
                }
                NabScorer.Tally tally = scorer.score(series.relativePath(), series.timestamps(), alarms);
                groups.merge(NabEvaluation.group(series.relativePath()), tally, ThreeSigmaBaseline::sum);
                all = sum(all, tally);
            }
            return new NabEvaluation.Row(0, groups, all, Double.NaN);
        }

        private static NabScorer.Tally sum(NabScorer.Tally a, NabScorer.Tally b) {
            return new NabScorer.Tally(a.raw() + b.raw(), a.nullScore() + b.nullScore(), a.perfect() + b.perfect());
        }
    }

    /** A NAB-style root with one noisy cycle holding a spike inside a labelled window, and one clean file. */
    static Path syntheticCorpus(Path root) throws IOException {
        Random random = new Random(42);
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        StringBuilder spike = new StringBuilder("timestamp,value\n");
        StringBuilder clean = new StringBuilder("timestamp,value\n");
        for (int t = 0; t < 2_000; t++) {
            String stamp = start.plusMinutes(5L * t).format(STAMP);
            double base = 10 + 5 * Math.sin(2 * Math.PI * t / 288) + random.nextGaussian() * 0.3;
            spike.append(stamp)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", t == 1_500 ? base + 30 : base))
                    .append('\n');
            clean.append(stamp)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", base))
                    .append('\n');
        }
        Files.createDirectories(root.resolve("data/synthetic"));
        Files.writeString(root.resolve("data/synthetic/spike.csv"), spike, StandardCharsets.UTF_8);
        Files.writeString(root.resolve("data/synthetic/clean.csv"), clean, StandardCharsets.UTF_8);
        String from = start.plusMinutes(5L * 1_450).format(STAMP);
        String to = start.plusMinutes(5L * 1_600).format(STAMP);
        Files.writeString(
                root.resolve("combined_windows.json"),
                "{\n \"synthetic/clean.csv\": [],\n \"synthetic/spike.csv\": [\n  [\n   \"" + from + ".000000\",\n   \""
                        + to + ".000000\"\n  ]\n ]\n}\n");
        return root;
    }

    /** Finds {@code shared/<relative>} beside the repository (the project keeps data and tools in ../shared). */
    static Optional<Path> sharedFile(String relative) {
        String configured = System.getProperty("aiops.shared");
        if (configured != null) {
            Path candidate = Path.of(configured).resolve(relative);
            return Files.exists(candidate) ? Optional.of(candidate) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static boolean python3Available() {
        try {
            Process process = new ProcessBuilder("python3", "--version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs nab-score and reads its "category score" lines. */
    static Map<String, Double> runScorer(Path script, Path results, Path data) throws Exception {
        Process process = new ProcessBuilder(
                        "python3", script.toString(), results.toString(), "--data", data.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, Double> scores = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^(\\S+)\\s+(-?\\d+\\.\\d)\\s*$").matcher(output);
        while (line.find()) {
            scores.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        assertThat(scores).as(output).containsKey("ALL");
        return scores;
    }
}
