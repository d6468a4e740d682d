package dev.aiops.rca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks the objects of a {@link FleetGraph} as root causes of the signals of one incident. Every object that
 * carries a signal is a candidate; its score multiplies three pieces of evidence, each general:
 *
 * <ul>
 *   <li><b>topology</b>: how many of the incident's symptomatic objects lie downstream of it, nearer counting
 *       more ({@code DECAY^hops});
 *   <li><b>time precedence</b>: the share of those downstream symptoms that started after its own first signal
 *       (causes come first);
 *   <li><b>own evidence</b>: what the candidate itself reports, a fault weighing more than an alert, an alert
 *       more than an anomaly; a change weighs by its proximity to the first downstream symptom
 *       ({@code exp(-lag / CHANGE_HORIZON)}), and a change made after the symptoms weighs almost nothing.
 * </ul>
 *
 * A monitoring system only explains missing data: a Prometheus outage makes metrics vanish, it does not make
 * pods crash. Confidences are the scores normalised to sum to one.
 */
public final class RootCauseRanker {

    static final int MAX_HOPS = 4;
    static final double DECAY = 0.8;
    static final Duration CHANGE_HORIZON = Duration.ofMinutes(30);
    static final Duration CLOCK_SLACK = Duration.ofSeconds(30);

    private static final Map<SignalKind, Double> WEIGHT = new EnumMap<>(Map.of(
            SignalKind.FAULT, 1.0,
            SignalKind.CHANGE, 0.9,
            SignalKind.ALERT, 0.6,
            SignalKind.ANOMALY, 0.5,
            SignalKind.MISSING_DATA, 0.2));

    private final FleetGraph graph;

    public RootCauseRanker(FleetGraph graph) {
        this.graph = graph;
    }

    /** Candidates, most likely first. Signals about objects the graph does not know are ignored. */
    public List<Cause> rank(List<Signal> signals) {
        Map<String, List<Signal>> byObject = new HashMap<>();
        for (Signal signal : signals) {
            if (graph.contains(signal.objectId())) {
                byObject.computeIfAbsent(signal.objectId(), k -> new ArrayList<>())
                        .add(signal);
            }
        }
        byObject.values().forEach(list -> list.sort(Comparator.comparing(Signal::at)));
        Map<String, List<Instant>> symptomTimes = new HashMap<>();
        Map<String, Boolean> onlyMissingData = new HashMap<>();
        byObject.forEach((id, list) -> {
            for (Signal s : list) {
                if (s.kind() != SignalKind.CHANGE) {
                    symptomTimes.computeIfAbsent(id, k -> new ArrayList<>()).add(s.at());
                    onlyMissingData.merge(id, s.kind() == SignalKind.MISSING_DATA, Boolean::logicalAnd);
                }
            }
        });
        if (byObject.isEmpty()) {
            return List.of();
        }
        int symptomatic = Math.max(1, symptomTimes.size());

        List<Scored> scored = new ArrayList<>();
        for (Map.Entry<String, List<Signal>> entry : byObject.entrySet()) {
            FleetObject candidate = graph.object(entry.getKey());
            List<Signal> own = entry.getValue();
            Instant first = own.get(0).at();
            Map<String, Integer> reach = graph.downstream(candidate.id(), MAX_HOPS);

            double coverage = 0;
            int explained = 0;
            int after = 0;
            int downstreamSymptoms = 0;
            Instant firstDownstream = null;
            List<Instant> downstreamStarts = new ArrayList<>();
            Instant notBefore = first.minus(CLOCK_SLACK);
            for (Map.Entry<String, List<Instant>> symptom : symptomTimes.entrySet()) {
                Integer hops = reach.get(symptom.getKey());
                if (hops == null) {
                    continue;
                }
                if (candidate.kind() == ObjectKind.MONITORING && !onlyMissingData.get(symptom.getKey())) {
                    continue;
                }
                coverage += Math.pow(DECAY, hops);
                if (hops > 0) {
                    explained++;
                    downstreamSymptoms++;
                    // an object may also carry an older, unrelated alert: what counts is whether it shows
                    // trouble after the candidate's first signal
                    boolean follows = false;
                    for (Instant at : symptom.getValue()) {
                        downstreamStarts.add(at);
                        if (!at.isBefore(notBefore)) {
                            follows = true;
                            if (firstDownstream == null || at.isBefore(firstDownstream)) {
                                firstDownstream = at;
                            }
                        }
                    }
                    if (follows) {
                        after++;
                    }
                }
            }
            coverage /= symptomatic;
            double precedence = downstreamSymptoms == 0 ? 0.5 : (double) after / downstreamSymptoms;
            Signal strongest = strongest(own, downstreamStarts);
            double strength = weight(strongest, downstreamStarts);
            double score = strength * coverage * (0.2 + 0.8 * precedence * precedence);
            scored.add(new Scored(candidate, own, explained, score, strongest, firstDownstream, downstreamSymptoms));
        }
        double total = scored.stream().mapToDouble(Scored::score).sum();
        scored.sort(Comparator.comparingDouble(Scored::score)
                .reversed()
                .thenComparing(s -> s.object().id()));
        List<Cause> causes = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            double confidence = total > 0 ? s.score() / total : 1.0 / scored.size();
            causes.add(new Cause(s.object(), confidence, List.copyOf(s.own()), s.explained(), explain(s, symptomatic)));
        }
        return causes;
    }

    private static Signal strongest(List<Signal> own, List<Instant> downstreamStarts) {
        Signal best = own.get(0);
        for (Signal s : own) {
            if (weight(s, downstreamStarts) > weight(best, downstreamStarts)) {
                best = s;
            }
        }
        return best;
    }

    /**
     * A change weighs by how soon after it the first downstream symptom began; symptoms that began before it
     * are someone else's (or the reason for the change), and a change that only follows trouble weighs almost
     * nothing.
     */
    private static double weight(Signal signal, List<Instant> downstreamStarts) {
        double base = WEIGHT.get(signal.kind());
        if (signal.kind() != SignalKind.CHANGE || downstreamStarts.isEmpty()) {
            return base;
        }
        Instant earliest = signal.at().minus(CLOCK_SLACK);
        long lag = Long.MAX_VALUE;
        for (Instant start : downstreamStarts) {
            if (!start.isBefore(earliest)) {
                lag = Math.min(
                        lag, Math.max(0, Duration.between(signal.at(), start).toSeconds()));
            }
        }
        if (lag == Long.MAX_VALUE) {
            return 0.05 * base;
        }
        return base * Math.exp(-lag / (double) CHANGE_HORIZON.toSeconds());
    }

    private static String explain(Scored s, int symptomatic) {
        String what = s.object().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "%s %s reported %s '%s' at %s",
                what,
                s.object().id(),
                s.strongest().kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                s.strongest().name(),
                s.strongest().at()));
        if (s.firstDownstream() != null) {
            long minutes =
                    Duration.between(s.strongest().at(), s.firstDownstream()).toMinutes();
            text.append(String.format(
                    Locale.ROOT,
                    "; %d of the %d affected objects are downstream of it in the topology, the first showing"
                            + " symptoms %d min %s",
                    s.downstreamSymptoms(),
                    symptomatic,
                    Math.abs(minutes),
                    minutes >= 0 ? "later" : "earlier"));
        } else {
            text.append("; nothing else affected lies downstream of it");
        }
        return text.append('.').toString();
    }

    private record Scored(
            FleetObject object,
            List<Signal> own,
            int explained,
            double score,
            Signal strongest,
            Instant firstDownstream,
            int downstreamSymptoms) {}
}
