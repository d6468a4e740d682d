package dev.aiops.anomaly.nab;

import dev.aiops.anomaly.DetectorConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores a detector configuration on a NAB corpus by category group, over a list of thresholds, and the
 * held-out figures that say how well one threshold carries over to data it was not chosen on. The NAB
 * categories "artificialNoAnomaly" and "artificialWithAnomaly" form one group, "artificial", because the first
 * has no windows and only counts through its false alarms.
 */
public final class NabEvaluation {

    /** Scores of one threshold: normalised NAB score per group and over everything. */
    public record Row(
            double threshold, Map<String, NabScorer.Tally> groups, NabScorer.Tally all, double pointsPerCpuSecond) {
        public double score(String group) {
            return groups.get(group).normalized();
        }

        /** Normalised score of the union of the given groups. */
        public double scoreOf(Set<String> chosen) {
            double raw = 0;
            double nul = 0;
            double perfect = 0;
            for (String group : chosen) {
                NabScorer.Tally tally = groups.get(group);
                raw += tally.raw();
                nul += tally.nullScore();
                perfect += tally.perfect();
            }
            return perfect == nul ? Double.NaN : 100.0 * (raw - nul) / (perfect - nul);
        }
    }

    /** A threshold chosen on every group but one, and what it scores on that one. */
    public record HeldOut(String group, double threshold, double scoreOnOthers, double scoreOnGroup) {}

    private NabEvaluation() {}

    public static String group(String relativePath) {
        String category = relativePath.substring(0, relativePath.indexOf('/'));
        return category.startsWith("artificial") ? "artificial" : category;
    }

    public static Row evaluate(List<NabCorpus.Series> corpus, NabScorer scorer, DetectorConfig config) {
        NabRun run = NabRun.run(corpus, config);
        return row(config.threshold(), run, scorer);
    }

    public static Row row(double threshold, NabRun run, NabScorer scorer) {
        Map<String, NabScorer.Tally> perFile = run.score(scorer);
        Map<String, NabScorer.Tally> groups = new TreeMap<>();
        NabScorer.Tally all = new NabScorer.Tally(0, 0, 0);
        for (Map.Entry<String, NabScorer.Tally> e : perFile.entrySet()) {
            groups.merge(group(e.getKey()), e.getValue(), NabEvaluation::sum);
            all = sum(all, e.getValue());
        }
        return new Row(threshold, groups, all, run.pointsPerCpuSecond());
    }

    public static List<Row> sweep(
            List<NabCorpus.Series> corpus, NabScorer scorer, DetectorConfig config, double[] thresholds) {
        List<Row> rows = new ArrayList<>();
        for (double threshold : thresholds) {
            rows.add(evaluate(corpus, scorer, config.withThreshold(threshold)));
        }
        return rows;
    }

    /**
     * Leave-one-group-out: for each group, the threshold of the sweep that scores best on the union of the
     * other groups (the first one on ties), and its score on the group left out.
     */
    public static List<HeldOut> leaveOneGroupOut(List<Row> sweep) {
        Set<String> groups = new TreeSet<>(sweep.get(0).groups().keySet());
        List<HeldOut> out = new ArrayList<>();
        for (String held : groups) {
            Set<String> others = new TreeSet<>(groups);
            others.remove(held);
            Row best = bestOn(sweep, others);
            out.add(new HeldOut(held, best.threshold(), best.scoreOf(others), best.score(held)));
        }
        return out;
    }

    /** The row scoring best on the union of the given groups (the first one on ties). */
    public static Row bestOn(List<Row> sweep, Set<String> groups) {
        Row best = sweep.get(0);
        for (Row row : sweep) {
            if (row.scoreOf(groups) > best.scoreOf(groups)) {
                best = row;
            }
        }
        return best;
    }

    /** Normalised score per group of a single run, plus "ALL", in a stable order. */
    public static Map<String, Double> summary(Row row) {
        Map<String, Double> out = new LinkedHashMap<>();
        row.groups().forEach((group, tally) -> out.put(group, tally.normalized()));
        out.put("ALL", row.all().normalized());
        return out;
    }

    private static NabScorer.Tally sum(NabScorer.Tally a, NabScorer.Tally b) {
        return new NabScorer.Tally(a.raw() + b.raw(), a.nullScore() + b.nullScore(), a.perfect() + b.perfect());
    }
}
