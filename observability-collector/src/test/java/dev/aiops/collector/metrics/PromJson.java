package dev.aiops.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading Prometheus JSON answers into comparable maps: series labels → value(s). */
final class PromJson {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PromJson() {}

    static JsonNode get(URI uri, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            ((tools.jackson.databind.node.ObjectNode) body).put("_http_status", response.statusCode());
            return body;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** labels → value of a vector answer. */
    static Map<Map<String, String>, Double> vector(JsonNode answer) {
        assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("success");
        assertThat(answer.path("data").path("resultType").asString()).isEqualTo("vector");
        Map<Map<String, String>, Double> out = new java.util.HashMap<>();
        for (JsonNode s : answer.path("data").path("result")) {
            out.put(labels(s), value(s.path("value")));
        }
        return out;
    }

    /** labels → (time → value) of a matrix answer. */
    static Map<Map<String, String>, Map<BigDecimal, Double>> matrix(JsonNode answer) {
        assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("success");
        assertThat(answer.path("data").path("resultType").asString()).isEqualTo("matrix");
        Map<Map<String, String>, Map<BigDecimal, Double>> out = new java.util.HashMap<>();
        for (JsonNode s : answer.path("data").path("result")) {
            Map<BigDecimal, Double> points = new TreeMap<>();
            s.path("values")
                    .forEach(v -> points.put(new BigDecimal(v.get(0).asString()).stripTrailingZeros(), value(v)));
            out.put(labels(s), points);
        }
        return out;
    }

    static Map<String, String> labels(JsonNode series) {
        Map<String, String> labels = new TreeMap<>();
        series.path("metric")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return labels;
    }

    private static double value(JsonNode pair) {
        String v = pair.get(1).asString();
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    static void assertSameVector(
            String query, Map<Map<String, String>, Double> expected, Map<Map<String, String>, Double> actual) {
        assertThat(actual.keySet()).as("series of %s", query).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((labels, value) -> assertThat(actual.get(labels))
                .as("%s %s", query, labels)
                .isCloseTo(value, within(1e-9 * Math.max(1, Math.abs(value)))));
    }
}
