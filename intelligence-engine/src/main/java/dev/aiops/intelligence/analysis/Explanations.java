package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalyDetection;
import java.util.Locale;
import java.util.Map;

/**
 * The sentences analysis writes from templates. They are the facts a configured language model rewrites
 * ({@link ModelWriter}) and the text answered when no model is configured or none answers.
 */
final class Explanations {

    private Explanations() {}

    static String anomaly(String metricName, String clusterName, Map<String, String> labels, Detections.Finding f) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s on %s", metricName, where(clusterName, labels)));
        text.append(String.format(Locale.ROOT, " was %s", number(f.actual())));
        if (f.expectedOrNull() != null) {
            text.append(String.format(Locale.ROOT, " where about %s was expected", number(f.expected())));
            if (f.deviationPercent() != null) {
                text.append(String.format(Locale.ROOT, " (%+.1f %%)", f.deviationPercent()));
            }
        }
        text.append(": ").append(shape(f.type().name()));
        text.append(String.format(Locale.ROOT, ", confidence %.2f.", f.confidence()));
        return text.toString();
    }

    /** The explanation of a stored anomaly, with its place in time. */
    static String anomaly(AnomalyDetection a) {
        String base = a.explanation() != null
                ? a.explanation()
                : String.format(
                        Locale.ROOT,
                        "%s showed a %s",
                        a.metricName(),
                        a.anomalyType().name().toLowerCase(Locale.ROOT));
        return base
                + String.format(
                        Locale.ROOT,
                        " Detected at %s with %s severity by the %s detector.",
                        a.detectedAt(),
                        a.severity().name().toLowerCase(Locale.ROOT),
                        a.detectionType().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    private static String shape(String type) {
        return switch (type) {
            case "SPIKE" -> "a sudden rise above anything seen recently";
            case "DROP" -> "a sudden fall below anything seen recently";
            case "TREND_CHANGE" -> "the local average left its recent range";
            case "THRESHOLD_BREACH" -> "the value crossed its configured limit";
            default -> "the recent shape of the series resembles nothing in its history";
        };
    }

    private static String where(String clusterName, Map<String, String> labels) {
        StringBuilder where = new StringBuilder(clusterName == null ? "the cluster" : clusterName);
        for (String key : new String[] {"node", "instance", "namespace", "pod", "gpu", "cell_id", "node_id"}) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                where.append(' ').append(key).append('=').append(value);
            }
        }
        return where.toString();
    }

    private static String number(double value) {
        if (Math.abs(value) >= 1000 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
