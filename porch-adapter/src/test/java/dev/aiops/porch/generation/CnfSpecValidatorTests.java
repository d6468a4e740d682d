package dev.aiops.porch.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.error.FieldViolation;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CnfSpecValidatorTests {

    static CnfSpec.Resources resources(String cpu, String memory, String hugepages, Boolean dpdk) {
        return new CnfSpec.Resources(cpu, memory, null, null, hugepages, null, null, null, dpdk);
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of(
                        Named.of(
                                "unknown function", new CnfSpec("MME", "edge1", 1, null, null, null, null, null, null)),
                        "cnf.function"),
                Arguments.of(
                        Named.of(
                                "site not DNS-1123",
                                new CnfSpec("AMF", "Edge_1", 1, null, null, null, null, null, null)),
                        "cnf.site"),
                Arguments.of(
                        Named.of("zero replicas", new CnfSpec("AMF", "edge1", 0, null, null, null, null, null, null)),
                        "cnf.replicas"),
                Arguments.of(
                        Named.of(
                                "too many replicas",
                                new CnfSpec("AMF", "edge1", 101, null, null, null, null, null, null)),
                        "cnf.replicas"),
                Arguments.of(
                        Named.of(
                                "namespace not DNS-1123",
                                new CnfSpec("AMF", "edge1", 1, "Core", null, null, null, null, null)),
                        "cnf.namespace"),
                Arguments.of(
                        Named.of(
                                "cpu not a quantity",
                                new CnfSpec(
                                        "AMF",
                                        "edge1",
                                        1,
                                        null,
                                        null,
                                        resources("two", null, null, null),
                                        null,
                                        null,
                                        null)),
                        "cnf.resources.cpu"),
                Arguments.of(
                        Named.of(
                                "memory with unknown suffix",
                                new CnfSpec(
                                        "AMF",
                                        "edge1",
                                        1,
                                        null,
                                        null,
                                        resources(null, "2GB", null, null),
                                        null,
                                        null,
                                        null)),
                        "cnf.resources.memory"),
                Arguments.of(
                        Named.of(
                                "DPDK without hugepages",
                                new CnfSpec(
                                        "UPF",
                                        "edge1",
                                        1,
                                        null,
                                        null,
                                        resources(null, null, null, true),
                                        null,
                                        null,
                                        null)),
                        "cnf.resources.dpdk"),
                Arguments.of(
                        Named.of(
                                "interface named eth0",
                                new CnfSpec(
                                        "UPF",
                                        "edge1",
                                        1,
                                        null,
                                        null,
                                        null,
                                        List.of(new CnfSpec.NetworkInterface("eth0", "sriov", null, null)),
                                        null,
                                        null)),
                        "cnf.interfaces[0].name"),
                Arguments.of(
                        Named.of(
                                "macvlan without master",
                                new CnfSpec(
                                        "UPF",
                                        "edge1",
                                        1,
                                        null,
                                        null,
                                        null,
                                        List.of(new CnfSpec.NetworkInterface("n6", "macvlan", null, null)),
                                        null,
                                        null)),
                        "cnf.interfaces[0].master"),
                Arguments.of(
                        Named.of(
                                "bad subnet",
                                new CnfSpec(
                                        "UPF",
                                        "edge1",
                                        1,
                                        null,
                                        null,
                                        null,
                                        List.of(new CnfSpec.NetworkInterface("n3", "sriov", null, "10.0.0.0/40")),
                                        null,
                                        null)),
                        "cnf.interfaces[0].subnet"),
                Arguments.of(
                        Named.of(
                                "bad config key",
                                new CnfSpec("AMF", "edge1", 1, null, null, null, null, Map.of("a b", "x"), null)),
                        "cnf.config.a b"),
                Arguments.of(
                        Named.of(
                                "bad label value",
                                new CnfSpec(
                                        "AMF", "edge1", 1, null, null, null, null, null, Map.of("tier", "not valid!"))),
                        "cnf.labels.tier"));
    }

    @ParameterizedTest
    @MethodSource("invalidSpecs")
    void shouldNameTheFieldWhenSpecIsInvalid(CnfSpec spec, String field) {
        assertThat(CnfSpecValidator.validate(spec, "cnf"))
                .extracting(FieldViolation::field)
                .contains(field);
    }

    @Test
    void shouldAcceptQuantitiesAsKubernetesWritesThem() {
        CnfSpec spec = new CnfSpec(
                "o-du",
                "edge1",
                2,
                "ran",
                null,
                new CnfSpec.Resources("500m", "1.5Gi", "2", "4G", "2Gi", "512Mi", 1, "intel.com/du_vf", true),
                List.of(new CnfSpec.NetworkInterface("fh", "sriov", null, "fd00::/64")),
                Map.of("cell.id", "7"),
                Map.of("aiops.dev/slice", "urllc"));
        assertThat(CnfSpecValidator.validate(spec, "cnf")).isEmpty();
        assertThat(Quantities.parse("1e3")).isEqualByComparingTo("1000");
        assertThat(Quantities.parse("500m")).isEqualByComparingTo("0.5");
        assertThat(Quantities.parse("2Gi")).isEqualByComparingTo(String.valueOf(2L << 30));
    }

    @Test
    void shouldAcceptFunctionNamesAsUsersWriteThem() {
        assertThat(CnfFunction.parse("Near-RT-RIC")).contains(CnfFunction.NEAR_RT_RIC);
        assertThat(CnfFunction.parse("o-cu-cp")).contains(CnfFunction.O_CU_CP);
        assertThat(CnfFunction.parse("MME")).isEmpty();
    }
}
