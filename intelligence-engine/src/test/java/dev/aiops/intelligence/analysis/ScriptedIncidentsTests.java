package dev.aiops.intelligence.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.rca.Cause;
import dev.aiops.rca.RootCauseRanker;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scripted incidents of {@code src/test/resources/incidents} (written by its {@code generate.py}): each is
 * what the platform APIs would return for one cluster and window, in contract shape, with a known root cause.
 * Each goes through the same assembly and ranking as {@code POST /api/v1/analysis/rca}; top-1 and top-3 accuracy
 * are printed per incident kind. The incidents and the graph rules were written by the same person, so the figure
 * shows the method holds together on these scripts, not how it does on real fleet incidents.
 */
class ScriptedIncidentsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Outcome(String name, String type, String expected, List<String> ranked) {
        int rank() {
            return ranked.indexOf(expected) + 1;
        }
    }

    @Test
    void shouldNameTheKnownRootCauseOfTheScriptedIncidents() throws IOException, URISyntaxException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : incidentFiles()) {
            JsonNode incident = JSON.readTree(file.toFile());
            FleetSnapshot snapshot = snapshot(incident);
            var assembly = FleetGraphAssembler.assemble(
                    snapshot,
                    Instant.parse(incident.path("window_start").asString()),
                    Instant.parse(incident.path("window_end").asString()));
            assertThat(assembly.graph().contains(incident.path("root_cause").asString()))
                    .as("the root cause of %s is an object of its graph", file.getFileName())
                    .isTrue();
            List<Cause> causes = new RootCauseRanker(assembly.graph()).rank(assembly.signals());
            outcomes.add(new Outcome(
                    incident.path("name").asString(),
                    incident.path("type").asString(),
                    incident.path("root_cause").asString(),
                    causes.stream().map(c -> c.object().id()).toList()));
        }

        Map<String, int[]> byType = new TreeMap<>();
        int top1 = 0;
        int top3 = 0;
        StringBuilder misses = new StringBuilder();
        for (Outcome o : outcomes) {
            int[] counts = byType.computeIfAbsent(o.type(), k -> new int[3]);
            counts[0]++;
            int rank = o.rank();
            if (rank == 1) {
                top1++;
                counts[1]++;
            }
            if (rank >= 1 && rank <= 3) {
                top3++;
                counts[2]++;
            }
            if (rank != 1) {
                misses.append(String.format(
                        Locale.ROOT,
                        "  %s: expected %s at rank %d, ranked %s%n",
                        o.name(),
                        o.expected(),
                        rank,
                        o.ranked().subList(0, Math.min(3, o.ranked().size()))));
            }
        }
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "Scripted RCA incidents: %d, top-1 %d (%.1f %%), top-3 %d (%.1f %%)%n",
                outcomes.size(),
                top1,
                100.0 * top1 / outcomes.size(),
                top3,
                100.0 * top3 / outcomes.size()));
        byType.forEach((type, c) -> report.append(
                String.format(Locale.ROOT, "  %-24s %d incidents, top-1 %d, top-3 %d%n", type, c[0], c[1], c[2])));
        System.out.print(report);
        System.out.print(misses);

        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(30);
        assertThat(byType).hasSize(7);
        // a floor, not a tuned figure: far better than naming a random candidate
        assertThat(top3).as("incidents whose root cause is in the top 3").isGreaterThanOrEqualTo(outcomes.size() / 2);
    }

    static FleetSnapshot snapshot(JsonNode incident) {
        List<AnomalyDetection> anomalies = new ArrayList<>();
        for (JsonNode a : incident.path("anomalies")) {
            anomalies.add(JSON.treeToValue(a, AnomalyDetection.class));
        }
        List<Map<String, String>> placement = new ArrayList<>();
        for (JsonNode p : incident.path("pod_placement")) {
            Map<String, String> labels = new TreeMap<>();
            p.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            placement.add(labels);
        }
        return new FleetSnapshot(
                UUID.fromString(incident.path("cluster_id").asString()),
                incident.path("cluster_name").asString(),
                list(incident.path("alerts")),
                anomalies,
                list(incident.path("faults")),
                list(incident.path("cnfs")),
                list(incident.path("package_revisions")),
                list(incident.path("intents")),
                placement);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<Path> incidentFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(ScriptedIncidentsTests.class
                        .getResource("/incidents/node-failure-1.json")
                        .toURI())
                .getParent();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
