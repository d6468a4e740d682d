package dev.aiops.collector.metrics;

import dev.aiops.model.observability.MetricSample;
import dev.aiops.model.observability.MetricSeries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code data} of a Prometheus query answer: {@code resultType} ({@code vector}, {@code matrix},
 * {@code scalar}, {@code string}) and its series, or for scalar and string the single sample.
 */
record QueryData(String resultType, List<MetricSeries> series, MetricSample scalar) {

    static QueryData vector(List<MetricSeries> series) {
        return new QueryData("vector", series, null);
    }

    static QueryData matrix(List<MetricSeries> series) {
        return new QueryData("matrix", series, null);
    }

    boolean isMatrix() {
        return resultType.equals("matrix");
    }

    static QueryData parse(JsonNode data) {
        String type = data.path("resultType").asString("");
        JsonNode result = data.path("result");
        if (type.equals("scalar") || type.equals("string")) {
            return new QueryData(type, List.of(), sample(result));
        }
        List<MetricSeries> series = new ArrayList<>();
        for (JsonNode s : result) {
            Map<String, String> labels = new LinkedHashMap<>();
            s.path("metric")
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            if (type.equals("matrix")) {
                List<MetricSample> values = new ArrayList<>();
                s.path("values").forEach(v -> values.add(sample(v)));
                series.add(new MetricSeries(labels, values, null));
            } else {
                series.add(new MetricSeries(labels, null, sample(s.path("value"))));
            }
        }
        return new QueryData(type, series, null);
    }

    private static MetricSample sample(JsonNode pair) {
        return new MetricSample(
                new BigDecimal(pair.get(0).asString()), pair.get(1).asString());
    }

    /** A value as Prometheus writes it: shortest decimal, no exponent, NaN, +Inf, -Inf. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
