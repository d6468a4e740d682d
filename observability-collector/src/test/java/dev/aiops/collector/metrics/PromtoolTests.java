package dev.aiops.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Debian's promtool, a real Prometheus client without a header option, against the compatible API: the
 * token travels as the basic-auth password in the server URL. Answers are compared with the same queries
 * sent to each Prometheus directly (the union, plus {@code cluster}) and to the global Prometheus.
 */
class PromtoolTests extends FederationIntegrationTest {

    static final String PROMTOOL = System.getProperty("aiops.test.promtool", "/usr/bin/promtool");

    @Autowired
    Tokens tokens;

    @LocalServerPort
    int port;

    String server;
    long at;

    @BeforeEach
    void fleetRegistered() {
        FIXTURE.registerClusters(tokens.token("operator"));
        server = "http://grafana:" + tokens.token("viewer") + "@127.0.0.1:" + port + "/prometheus";
        at = Instant.now().getEpochSecond() - 1;
    }

    @Test
    void shouldAnswerAnInstantQueryAsTheUnionOfTheClusters() throws Exception {
        JsonNode answer = promtool("query", "instant", "-o", "json", "--time=" + at, server, "aiops_test_temperature");

        Map<Map<String, String>, Double> expected = new HashMap<>();
        for (String cluster : FIXTURE.clusterNames()) {
            JsonNode direct = PromJson.get(
                    FIXTURE.fleet()
                            .prometheus(cluster)
                            .url()
                            .resolve("/api/v1/query?query=aiops_test_temperature&time=" + at),
                    null);
            PromJson.vector(direct).forEach((labels, v) -> {
                Map<String, String> l = new TreeMap<>(labels);
                l.put("cluster", cluster);
                expected.put(l, v);
            });
        }
        Map<Map<String, String>, Double> actual = new HashMap<>();
        for (JsonNode s : answer) {
            actual.put(
                    PromJson.labels(s),
                    Double.parseDouble(s.path("value").get(1).asString()));
        }
        PromJson.assertSameVector("aiops_test_temperature", expected, actual);
    }

    @Test
    void shouldAnswerARangeQueryLikeTheGlobalPrometheus() throws Exception {
        long end = at - at % 2;
        String query = "sum by (mode) (aiops_test_load)";
        JsonNode answer = promtool(
                "query", "range", "-o", "json", "--start=" + (end - 4), "--end=" + end, "--step=2s", server, query);
        JsonNode global = PromJson.get(
                FIXTURE.global()
                        .url()
                        .resolve("/api/v1/query_range?query=" + PromJson.enc(query) + "&start=" + (end - 4) + "&end="
                                + end + "&step=2"),
                null);

        Map<Map<String, String>, List<String>> expected = new HashMap<>();
        global.path("data").path("result").forEach(s -> expected.put(PromJson.labels(s), values(s)));
        Map<Map<String, String>, List<String>> actual = new HashMap<>();
        answer.forEach(s -> actual.put(PromJson.labels(s), values(s)));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldListSeriesAndLabelsWithTheClusterLabel() throws Exception {
        JsonNode series = promtool("query", "series", "-o", "json", "--match=aiops_test_temperature", server);
        TreeSet<String> clusters = new TreeSet<>();
        series.forEach(s -> clusters.add(s.path("cluster").asString()));
        assertThat(clusters).containsExactlyElementsOf(new TreeSet<>(FIXTURE.clusterNames()));
        assertThat(series.size()).isEqualTo(5);

        JsonNode labels = promtool("query", "labels", "-o", "json", server, "cluster");
        List<String> values = new ArrayList<>();
        labels.forEach(v -> values.add(v.asString()));
        assertThat(values).containsAll(FIXTURE.clusterNames());
    }

    @Test
    void shouldFailWithoutAValidToken() throws Exception {
        Process p = new ProcessBuilder(
                        PROMTOOL, "query", "instant", "http://grafana:wrong@127.0.0.1:" + port + "/prometheus", "up")
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("401");
    }

    static List<String> values(JsonNode series) {
        List<String> out = new ArrayList<>();
        series.path("values")
                .forEach(v -> out.add(v.get(0).asString() + "=" + v.get(1).asString()));
        return out;
    }

    static JsonNode promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(
                        "promtool %s: %s",
                        String.join(" ", args).replaceAll("//[^@]*@", "//***@"),
                        new String(err, StandardCharsets.UTF_8))
                .isZero();
        return PromJson.JSON.readTree(new String(out, StandardCharsets.UTF_8));
    }
}
