package dev.aiops.benchmarks;

import dev.aiops.anomaly.DetectorConfig;
import dev.aiops.anomaly.Sensitivity;
import dev.aiops.anomaly.nab.NabCorpus;
import dev.aiops.anomaly.nab.NabEvaluation;
import dev.aiops.anomaly.nab.NabRun;
import dev.aiops.anomaly.nab.NabScorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code nab}: runs the streaming detector over a NAB-style folder and writes what the NAB scorer reads. With
 * {@code --report} it also sweeps the threshold, computes the held-out figures and writes the "nab" section of
 * docs/PERFORMANCE.md.
 */
final class NabBenchmark {

    /** Development groups: the threshold of record is the one that scores best on these (see PERFORMANCE.md). */
    static final Set<String> DEVELOPMENT = Set.of("artificial", "realAWSCloudwatch");

    static final double[] SWEEP = {0.045, 0.06, 0.09, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.27, 0.3, 0.36, 0.45};

    private static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks-*.jar nab --data <root> --out <results dir> [options]

              --data <root>       folder with data/<category>/<file>.csv (timestamp,value) and, for scores,
                                  combined_windows.json
              --out <dir>         writes <dir>/<category>/<file>.csv with timestamp,value,anomaly_score,alarm
              --threshold <t>     detector threshold (default: the MEDIUM sensitivity, %s)
              --report            also sweep thresholds, compute held-out scores and write the "nab" section
                                  of docs/PERFORMANCE.md under --root (default .)
              --scorer <path>     with --report: the NAB scorer script (nab-score) whose output to include
              --root <dir>        repository root for --report (default .)
              --help              this text
            """;

    private NabBenchmark() {}

    static void main(String[] args) throws Exception {
        Path data = null;
        Path out = null;
        Path root = Path.of(".");
        Path scorerScript = null;
        boolean report = false;
        double threshold = Sensitivity.MEDIUM.threshold();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.print(USAGE.formatted(Sensitivity.MEDIUM.threshold()));
                    return;
                }
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--root" -> root = Path.of(value(args, ++i, "--root"));
                case "--scorer" -> scorerScript = Path.of(value(args, ++i, "--scorer"));
                case "--threshold" -> threshold = Double.parseDouble(value(args, ++i, "--threshold"));
                case "--report" -> report = true;
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (data == null || out == null) {
            fail("--data and --out are required");
        }
        DetectorConfig config = DetectorConfig.of(Sensitivity.MEDIUM).withThreshold(threshold);
        List<NabCorpus.Series> corpus = NabCorpus.load(data);
        NabRun.run(corpus, config); // JIT warm-up, so the rate below is the steady one
        NabRun run = NabRun.run(corpus, config);
        run.write(out);
        System.out.printf(
                Locale.ROOT,
                "wrote %d files (%d points) under %s%n",
                run.results().size(),
                run.points(),
                out.toAbsolutePath().normalize());

        Path windows = data.resolve("combined_windows.json");
        if (Files.isRegularFile(windows)) {
            NabScorer scorer = NabScorer.load(data, NabScorer.Profile.STANDARD);
            NabEvaluation.Row row = NabEvaluation.row(threshold, run, scorer);
            NabEvaluation.summary(row)
                    .forEach((group, score) ->
                            System.out.printf(Locale.ROOT, "  %-22s %6.1f  (in-process NAB score)%n", group, score));
            if (report) {
                writeReport(root.toAbsolutePath().normalize(), data, out, scorerScript, corpus, scorer, config, run);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%.0f points/s (wall clock, one thread), %.0f points per CPU second%n",
                run.pointsPerSecond(),
                run.pointsPerCpuSecond());
    }

    private static void writeReport(
            Path root,
            Path data,
            Path out,
            Path scorerScript,
            List<NabCorpus.Series> corpus,
            NabScorer scorer,
            DetectorConfig config,
            NabRun run)
            throws IOException, InterruptedException {
        List<NabEvaluation.Row> sweep = NabEvaluation.sweep(corpus, scorer, config, SWEEP);
        Set<String> groups = new TreeSet<>(sweep.get(0).groups().keySet());
        NabEvaluation.Row fixed = NabEvaluation.row(config.threshold(), run, scorer);
        NabEvaluation.Row devBest = NabEvaluation.bestOn(sweep, DEVELOPMENT);
        Set<String> heldOutGroups = new TreeSet<>(groups);
        heldOutGroups.removeAll(DEVELOPMENT);

        StringBuilder md = new StringBuilder();
        md.append("## Anomaly detection on NAB\n\n");
        md.append("Figures from `benchmarks` (`dev.aiops.benchmarks.NabBenchmark`) running the streaming detector of ")
                .append("`anomaly-detection` (`dev.aiops.anomaly.StreamingDetector`) over the public NAB categories. ")
                .append("Regenerate with:\n\n```\n./mvnw -q -DskipTests package\n")
                .append("java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar nab --data ../shared/datasets/nab ")
                .append("--out target/nab-results --report --scorer ../shared/tools/nab-score\n")
                .append("../shared/tools/nab-score target/nab-results\n```\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Measured %s on %d CPU(s), %s %s, Java %s.%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version")));
        md.append(String.format(
                Locale.ROOT,
                "Parameters of record: history %d, smoothing %d, shingle %d, warm-up %d, quiet period %d, "
                        + "threshold %.2f (`Sensitivity.MEDIUM`), identical for every file.%n%n",
                config.history(),
                config.smoothing(),
                config.shingle(),
                config.warmUp(),
                config.quietPeriod(),
                config.threshold()));

        md.append("### Score of record (standard profile)\n\n");
        String official = scorerScript == null ? null : runScorer(scorerScript, out, data);
        if (official != null) {
            md.append("Output of `nab-score` on the results written by this run:\n\n```\n")
                    .append(official.strip())
                    .append("\n```\n\n");
        }
        md.append("| group | NAB score | role |\n|---|---:|---|\n");
        for (String group : groups) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %s |%n",
                    group,
                    fixed.score(group),
                    DEVELOPMENT.contains(group) ? "development (threshold chosen here)" : "held out"));
        }
        md.append(String.format(
                Locale.ROOT,
                "| development (%s) | %.1f | |%n",
                String.join(" + ", DEVELOPMENT.stream().sorted().toList()),
                fixed.scoreOf(DEVELOPMENT)));
        md.append(String.format(
                Locale.ROOT,
                "| held out (%s) | %.1f | |%n",
                String.join(" + ", heldOutGroups),
                fixed.scoreOf(heldOutGroups)));
        md.append(String.format(Locale.ROOT, "| ALL | %.1f | |%n%n", fixed.all().normalized()));

        md.append(
                        "### Threshold sweep\n\nEverything else fixed. The threshold of record is the best on the development ")
                .append(String.format(
                        Locale.ROOT,
                        "groups (here %.2f); the other columns show how sensitive each group is to it.%n%n",
                        devBest.threshold()));
        md.append("| threshold |");
        groups.forEach(g -> md.append(' ').append(g).append(" |"));
        md.append(" development | ALL |\n|---:|");
        groups.forEach(g -> md.append("---:|"));
        md.append("---:|---:|\n");
        for (NabEvaluation.Row row : sweep) {
            md.append(String.format(Locale.ROOT, "| %.3f |", row.threshold()));
            groups.forEach(g -> md.append(String.format(Locale.ROOT, " %.1f |", row.score(g))));
            md.append(String.format(
                    Locale.ROOT,
                    " %.1f | %.1f |%n",
                    row.scoreOf(DEVELOPMENT),
                    row.all().normalized()));
        }
        md.append(
                        "\n### Leave one group out\n\nFor each group, the threshold of the sweep that scores best on the two ")
                .append("other groups, and what that threshold scores on the group left out.\n\n")
                .append(
                        "| held-out group | threshold chosen on the others | score on the others | score on the held-out group |\n")
                .append("|---|---:|---:|---:|\n");
        List<String> heldOutScores = new ArrayList<>();
        for (NabEvaluation.HeldOut held : NabEvaluation.leaveOneGroupOut(sweep)) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f | %.1f | %.1f |%n",
                    held.group(),
                    held.threshold(),
                    held.scoreOnOthers(),
                    held.scoreOnGroup()));
            heldOutScores.add(String.format(Locale.ROOT, "%s %.1f", held.group(), held.scoreOnGroup()));
        }
        md.append(String.format(
                Locale.ROOT,
                "%n### Speed%n%n%d points in %d files: %.0f points/s wall clock on one thread, %.0f points per "
                        + "CPU second of that thread (the machine is shared, so the CPU-time rate is the single-core "
                        + "figure), detector only, after one JIT warm-up pass.%n",
                run.points(),
                run.results().size(),
                run.pointsPerSecond(),
                run.pointsPerCpuSecond()));
        if (Files.isRegularFile(methodNotes(root))) {
            md.append("\n")
                    .append(Files.readString(methodNotes(root), StandardCharsets.UTF_8)
                            .strip())
                    .append("\n");
        }
        Path file = PerformanceReport.writeSection(root, "nab", md.toString());
        System.out.println("held out (leave one group out): " + String.join(", ", heldOutScores));
        System.out.println("wrote " + file);
    }

    /** The hand-written part of the section (method and how each parameter was chosen) lives beside the code. */
    private static Path methodNotes(Path root) {
        return root.resolve("anomaly-detection/NAB-METHOD.md");
    }

    private static String runScorer(Path script, Path out, Path data) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", script.toString(), out.toString(), "--data", data.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        System.out.print(output);
        return output;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            fail(name + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.print(USAGE.formatted(Sensitivity.MEDIUM.threshold()));
        System.exit(2);
    }
}
