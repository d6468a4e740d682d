package dev.aiops.anomaly.nab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NAB scoring rule (Lavin and Ahmad 2015, standard profile) as implemented by {@code shared/tools/nab-score},
 * in Java so that threshold sweeps and held-out splits can be computed without writing files. The figures that
 * are published come from the Python scorer; a test checks that both agree.
 */
public final class NabScorer {

    /** Weights of one NAB application profile. */
    public record Profile(double truePositive, double falsePositive, double falseNegative) {
        public static final Profile STANDARD = new Profile(1.0, 0.11, 1.0);
    }

    /** Raw, null (never fires) and perfect (fires at each window's first point) scores, summable. */
    public record Tally(double raw, double nullScore, double perfect) {
        static final Tally ZERO = new Tally(0, 0, 0);

        Tally plus(Tally other) {
            return new Tally(raw + other.raw, nullScore + other.nullScore, perfect + other.perfect);
        }

        /** The normalised NAB score, 0 = never fires, 100 = perfect; NaN when there is no window. */
        public double normalized() {
            return perfect == nullScore ? Double.NaN : 100.0 * (raw - nullScore) / (perfect - nullScore);
        }
    }

    private static final Pattern FILE_KEY = Pattern.compile("\"([^\"]+\\.csv)\"\\s*:\\s*\\[");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final Map<String, List<String[]>> windows;
    private final Profile profile;

    public NabScorer(Map<String, List<String[]>> windows, Profile profile) {
        this.windows = windows;
        this.profile = profile;
    }

    /** Reads {@code combined_windows.json} of a NAB-style root. */
    public static NabScorer load(Path root, Profile profile) throws IOException {
        String json = Files.readString(root.resolve("combined_windows.json"), StandardCharsets.UTF_8);
        Map<String, List<String[]>> windows = new LinkedHashMap<>();
        Matcher key = FILE_KEY.matcher(json);
        int from = 0;
        while (key.find(from)) {
            // the value is a list of [start, end] pairs: read up to its matching closing bracket
            int open = key.end() - 1;
            int depth = 0;
            int close = open;
            for (; close < json.length(); close++) {
                char c = json.charAt(close);
                if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    break;
                }
            }
            List<String> stamps = new ArrayList<>();
            Matcher quoted = QUOTED.matcher(json.substring(open, close));
            while (quoted.find()) {
                stamps.add(quoted.group(1));
            }
            List<String[]> pairs = new ArrayList<>();
            for (int i = 0; i + 1 < stamps.size(); i += 2) {
                pairs.add(new String[] {ts19(stamps.get(i)), ts19(stamps.get(i + 1))});
            }
            windows.put(key.group(1), pairs);
            from = close;
        }
        return new NabScorer(windows, profile);
    }

    public boolean labels(String relativePath) {
        return windows.containsKey(relativePath);
    }

    /** Scores one file's alarms; the file must be labelled ({@link #labels}). */
    public Tally score(String relativePath, String[] timestamps, boolean[] alarms) {
        String[] ts = new String[timestamps.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = ts19(timestamps[i]);
        }
        List<int[]> ranges = new ArrayList<>();
        for (String[] window : windows.getOrDefault(relativePath, List.of())) {
            ranges.add(new int[] {lowerBound(ts, window[0]), upperBound(ts, window[1]) - 1});
        }
        double nullScore = -profile.falseNegative() * ranges.size();
        boolean[] perfect = new boolean[ts.length];
        for (int[] range : ranges) {
            if (range[0] < ts.length) {
                perfect[range[0]] = true;
            }
        }
        return new Tally(scoreFile(ranges, alarms), nullScore, scoreFile(ranges, perfect));
    }

    /** Per category and "ALL": the sum of the files' tallies. */
    public static Map<String, Tally> byCategory(Map<String, Tally> perFile) {
        Map<String, Tally> out = new TreeMap<>();
        Tally all = Tally.ZERO;
        for (Map.Entry<String, Tally> e : perFile.entrySet()) {
            String category = e.getKey().substring(0, e.getKey().indexOf('/'));
            out.merge(category, e.getValue(), Tally::plus);
            all = all.plus(e.getValue());
        }
        out.put("ALL", all);
        return out;
    }

    private double scoreFile(List<int[]> ranges, boolean[] flags) {
        int probation = Math.min((int) Math.floor(0.15 * flags.length), (int) (0.15 * 5000));
        double score = 0;
        boolean[] hit = new boolean[ranges.size()];
        for (int i = probation; i < flags.length; i++) {
            if (!flags[i]) {
                continue;
            }
            int inside = -1;
            for (int k = 0; k < ranges.size(); k++) {
                if (ranges.get(k)[0] <= i && i <= ranges.get(k)[1]) {
                    inside = k;
                    break;
                }
            }
            if (inside >= 0) {
                if (!hit[inside]) {
                    int a = ranges.get(inside)[0];
                    int b = ranges.get(inside)[1];
                    score += profile.truePositive() * sigmoid(-(double) (b - i + 1) / (b - a + 1));
                    hit[inside] = true;
                }
            } else {
                int[] before = null;
                for (int[] range : ranges) {
                    if (range[1] < i) {
                        before = range;
                    }
                }
                if (before != null) {
                    score += profile.falsePositive() * sigmoid((double) (i - before[1]) / (before[1] - before[0] + 1));
                } else {
                    score -= profile.falsePositive();
                }
            }
        }
        int missed = 0;
        for (boolean h : hit) {
            if (!h) {
                missed++;
            }
        }
        return score - profile.falseNegative() * missed;
    }

    private static double sigmoid(double y) {
        return y > 3 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    private static String ts19(String t) {
        String s = t.strip();
        return s.length() > 19 ? s.substring(0, 19) : s;
    }

    private static int lowerBound(String[] sorted, String key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1].equals(key)) {
            i--;
        }
        return i;
    }

    private static int upperBound(String[] sorted, String key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i < sorted.length && sorted[i].equals(key)) {
            i++;
        }
        return i;
    }
}
