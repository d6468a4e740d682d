package dev.aiops.porch.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTests {

    static final String BASE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: upf
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                  - name: upf
                    image: upf:1
                    env:
                    - name: SITE
                      value: edge1
            """;

    static String with(String from, String to) {
        return BASE.replace(from, to);
    }

    @Test
    void shouldTakeEachSidesChangeWhenTheyTouchDifferentFieldsOfOneResource() {
        var result = ThreeWayMerge.merge(
                Map.of("d.yaml", BASE),
                Map.of("d.yaml", with("replicas: 2", "replicas: 4")),
                Map.of("d.yaml", with("image: upf:1", "image: upf:2")));

        assertThat(result.clean()).isTrue();
        assertThat(result.files().get("d.yaml")).contains("replicas: 4").contains("image: \"upf:2\"");
    }

    @Test
    void shouldMergeNamedListItemsByNameKeepingALocalEnvAndAnUpstreamEnv() {
        String local = BASE + "        - name: LOCAL\n          value: x\n";
        String upstream = BASE + "        - name: UPSTREAM\n          value: y\n";
        var result = ThreeWayMerge.merge(Map.of("d.yaml", BASE), Map.of("d.yaml", local), Map.of("d.yaml", upstream));

        assertThat(result.clean()).isTrue();
        assertThat(result.files().get("d.yaml"))
                .contains("LOCAL")
                .contains("UPSTREAM")
                .contains("SITE");
    }

    @Test
    void shouldReportTheFieldWithAllThreeValuesWhenBothSidesChangedItDifferently() {
        var result = ThreeWayMerge.merge(
                Map.of("d.yaml", BASE),
                Map.of("d.yaml", with("image: upf:1", "image: upf:mine")),
                Map.of("d.yaml", with("image: upf:1", "image: upf:2")));

        assertThat(result.conflicts())
                .containsExactly(new ThreeWayMerge.Conflict(
                        "d.yaml",
                        "Deployment/upf:spec.template.spec.containers[name=upf].image",
                        "upf:1",
                        "upf:mine",
                        "upf:2"));
    }

    @Test
    void shouldTakeWholeFilesChangedOnOneSideAndDeletionsUpstreamOfUnchangedFiles() {
        var result = ThreeWayMerge.merge(
                Map.of("a.yaml", BASE, "b.txt", "old", "gone.yaml", BASE),
                Map.of("a.yaml", BASE, "b.txt", "local", "gone.yaml", BASE, "mine.yaml", BASE),
                Map.of("a.yaml", with("upf:1", "upf:2"), "b.txt", "old", "new.yaml", BASE));

        assertThat(result.clean()).isTrue();
        assertThat(result.files()).containsOnlyKeys("a.yaml", "b.txt", "mine.yaml", "new.yaml");
        assertThat(result.files().get("a.yaml")).isEqualTo(with("upf:1", "upf:2"));
        assertThat(result.files().get("b.txt")).isEqualTo("local");
    }

    @Test
    void shouldConflictOnAFileEditedLocallyButDeletedUpstreamAndOnTextChangedOnBothSides() {
        var result = ThreeWayMerge.merge(
                Map.of("d.yaml", BASE, "notes.txt", "a"),
                Map.of("d.yaml", with("replicas: 2", "replicas: 3"), "notes.txt", "b"),
                Map.of("notes.txt", "c"));

        assertThat(result.conflicts())
                .extracting(ThreeWayMerge.Conflict::file, ThreeWayMerge.Conflict::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("d.yaml", ""),
                        org.assertj.core.groups.Tuple.tuple("notes.txt", ""));
        assertThat(result.conflicts().get(0).theirs()).isNull();
    }

    @Test
    void shouldConflictOnAResourceRemovedUpstreamThatWasEditedLocally() {
        String service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: upf\nspec:\n  type: ClusterIP\n";
        var result = ThreeWayMerge.merge(
                Map.of("all.yaml", BASE + "---\n" + service),
                Map.of("all.yaml", BASE + "---\n" + service.replace("ClusterIP", "NodePort")),
                Map.of("all.yaml", with("upf:1", "upf:2")));

        assertThat(result.conflicts()).extracting(ThreeWayMerge.Conflict::path).containsExactly("Service/upf");
    }
}
