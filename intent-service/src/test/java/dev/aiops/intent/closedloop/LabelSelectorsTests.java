package dev.aiops.intent.closedloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Kubernetes selector string syntax and the API server's matching semantics. */
class LabelSelectorsTests {

    private static final Map<String, String> EDGE_UPF =
            Map.of("app", "upf", "tier", "edge", "site", "edge31", "function-family", "5g-core");
    private static final Map<String, String> HUB_UPF = Map.of("app", "upf", "tier", "hub", "site", "hub31");
    private static final Map<String, String> EDGE_AMF = Map.of("app", "amf", "tier", "edge");

    @Test
    void shouldParseEveryOperatorIntoTheLabelSelectorModel() {
        LabelSelector selector = LabelSelectors.parse(
                "app=upf, tier in (edge, far-edge), site!=hub1, zone notin (a,b), aiops.dev/managed, !canary,"
                        + " version==v2",
                Map.of("function-family", "5g-core"));

        assertThat(selector.getMatchLabels()).containsExactly(Map.entry("function-family", "5g-core"));
        assertThat(selector.getMatchExpressions())
                .extracting(LabelSelectorRequirement::getKey, LabelSelectorRequirement::getOperator, r -> r.getValues())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app", "In", List.of("upf")),
                        org.assertj.core.groups.Tuple.tuple("tier", "In", List.of("edge", "far-edge")),
                        org.assertj.core.groups.Tuple.tuple("site", "NotIn", List.of("hub1")),
                        org.assertj.core.groups.Tuple.tuple("zone", "NotIn", List.of("a", "b")),
                        org.assertj.core.groups.Tuple.tuple("aiops.dev/managed", "Exists", List.of()),
                        org.assertj.core.groups.Tuple.tuple("canary", "DoesNotExist", List.of()),
                        org.assertj.core.groups.Tuple.tuple("version", "In", List.of("v2")));
        assertThat(LabelSelectors.format(selector))
                .isEqualTo("function-family=5g-core,app=upf,tier in (edge,far-edge),site!=hub1,zone notin (a,b),"
                        + "aiops.dev/managed,!canary,version=v2");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "app=upf,tier in (edge)        | true  | false | false",
                "app in (upf,amf)              | true  | true  | true",
                "tier!=edge                    | false | true  | false",
                // absent labels pass != and notin, as in Kubernetes
                "site notin (edge31)           | false | true  | true",
                "site!=edge31                  | false | true  | true",
                "site                          | true  | true  | false",
                "!site                         | false | false | true",
                "app=upf,!function-family      | false | true  | false",
                "app=upf,tier=                 | false | false | false",
            })
    void shouldMatchAsTheKubernetesApiServerDoes(String selector, boolean edgeUpf, boolean hubUpf, boolean edgeAmf) {
        LabelSelector parsed = LabelSelectors.parse(selector, Map.of());

        assertThat(LabelSelectors.matches(parsed, EDGE_UPF)).isEqualTo(edgeUpf);
        assertThat(LabelSelectors.matches(parsed, HUB_UPF)).isEqualTo(hubUpf);
        assertThat(LabelSelectors.matches(parsed, EDGE_AMF)).isEqualTo(edgeAmf);
    }

    @Test
    void shouldRequireEveryEqualityLabel() {
        LabelSelector selector = LabelSelectors.parse(null, Map.of("app", "upf", "tier", "edge"));

        assertThat(LabelSelectors.matches(selector, EDGE_UPF)).isTrue();
        assertThat(LabelSelectors.matches(selector, HUB_UPF)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "app=upf tier=edge      | expected ','",
                "app in edge            | expected '('",
                "app in ()              | needs at least one value",
                "app in (upf            | expected ','",
                "=upf                   | expected a label key",
                "app=upf,               | label key is missing",
                "replicas > 2           | no Kubernetes LabelSelector form",
                "app=up f               | expected ','",
                "-app=upf               | the name must be",
                "Example.com/app=upf    | the prefix must be a DNS subdomain",
                "app=upf_               | value 'upf_'",
            })
    void shouldRefuseWhatKubernetesRefusesAndSayWhy(String selector, String message) {
        assertThatThrownBy(() -> LabelSelectors.parse(selector, Map.of()))
                .isInstanceOf(LabelSelectors.InvalidSelector.class)
                .hasMessageContaining(message);
    }
}
