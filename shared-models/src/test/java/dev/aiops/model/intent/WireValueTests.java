package dev.aiops.model.intent;

import static dev.aiops.model.JsonSupport.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.aiops.model.Fixtures;
import dev.aiops.model.cnf.Rule;
import dev.aiops.model.cnf.RuleAction;
import dev.aiops.model.cnf.RuleSource;
import dev.aiops.model.intent.tmf.Intent;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DatabindException;

/** Enums whose contract spells them in lowercase or mixed case keep that spelling on the wire. */
class WireValueTests {

    static Stream<Arguments> wireValues() {
        return Stream.of(
                wire(IntentType.DEPLOYMENT, "deployment"),
                wire(IntentType.SCALING, "scaling"),
                wire(IntentType.CONFIGURATION, "configuration"),
                wire(IntentType.OPTIMIZATION, "optimization"),
                wire(IntentType.HEALING, "healing"),
                wire(ServiceType.EMBB, "eMBB"),
                wire(ServiceType.URLLC, "URLLC"),
                wire(ServiceType.MMTC, "mMTC"),
                wire(IntentSource.USER, "user"),
                wire(IntentSource.PLANNER, "planner"),
                wire(IntentSource.RULE, "rule"),
                wire(ParseMethod.LLM, "llm"),
                wire(ParseMethod.RULES, "rules"),
                wire(IntentLifecycleStatus.ACKNOWLEDGED, "acknowledged"),
                wire(IntentLifecycleStatus.IN_PROGRESS, "inProgress"),
                wire(IntentLifecycleStatus.COMPLETED, "completed"),
                wire(IntentLifecycleStatus.FAILED, "failed"),
                wire(IntentLifecycleStatus.CANCELLED, "cancelled"),
                wire(IntentLifecycleStatus.DEGRADED, "degraded"),
                wire(RuleSource.FCAPS, "fcaps"),
                wire(RuleSource.KPM, "kpm"),
                wire(RuleAction.SCALE_OUT, "scale_out"),
                wire(RuleAction.SCALE_IN, "scale_in"),
                wire(RuleAction.MIGRATE, "migrate"),
                wire(RuleAction.HEAL, "heal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireValues")
    void shouldUseContractSpellingWhenEnumIsWrittenAndRead(Enum<?> constant, String wire) {
        assertThat(MAPPER.writeValueAsString(constant)).isEqualTo("\"" + wire + "\"");
        assertThat(MAPPER.readValue("\"" + wire + "\"", constant.getDeclaringClass()))
                .isEqualTo(constant);
    }

    @Test
    void shouldRejectJavaNameWhenWireSpellingDiffers() {
        assertThatExceptionOfType(DatabindException.class)
                .isThrownBy(() -> MAPPER.readValue("\"EMBB\"", ServiceType.class));
        assertThatExceptionOfType(DatabindException.class)
                .isThrownBy(() -> MAPPER.readValue("\"IN_PROGRESS\"", IntentLifecycleStatus.class));
    }

    @Nested
    class Defaults {

        @Test
        void shouldDefaultToUserSourceAndPriorityFiveWhenParsedIntentOmitsThem() {
            StructuredIntent intent = MAPPER.readValue("{\"intent_type\":\"scaling\"}", StructuredIntent.class);

            assertThat(intent.source()).isEqualTo(IntentSource.USER);
            assertThat(intent.priority()).isEqualTo(StructuredIntent.DEFAULT_PRIORITY);
            assertThat(intent.targetSites()).isEmpty();
        }

        @Test
        void shouldWriteCooldownAsIsoDurationWhenRuleIsSerialized() {
            Rule rule = Fixtures.kpmRule();

            assertThat(MAPPER.valueToTree(rule).get("cooldown").asString()).isEqualTo("PT10M");
            assertThat(MAPPER.readValue(MAPPER.writeValueAsString(rule), Rule.class))
                    .isEqualTo(rule);
        }

        @Test
        void shouldDefaultCooldownToFiveMinutesWhenRuleOmitsIt() {
            Rule rule = MAPPER.readValue(
                    "{\"name\":\"r\",\"source\":\"fcaps\",\"condition\":\"true\",\"action\":\"heal\"}", Rule.class);

            assertThat(rule.cooldown()).isEqualTo(Rule.DEFAULT_COOLDOWN);
            assertThat(rule.priority()).isEqualTo(Rule.DEFAULT_PRIORITY);
        }
    }

    @Nested
    class Tmf {

        @Test
        void shouldReadMinimalCreateBodyWhenClientSendsOnlyTmfMembers() {
            String body = "{\"@type\":\"Intent\",\"name\":\"URLLC\",\"attachment\":[],"
                    + "\"expression\":{\"@type\":\"TurtleExpression\",\"expressionValue\":\"@prefix icm: <x> .\"}}";

            Intent intent = MAPPER.readValue(body, Intent.class);

            assertThat(intent.type()).isEqualTo(Intent.TYPE);
            assertThat(intent.expression().expressionValue()).isEqualTo("@prefix icm: <x> .");
            assertThat(intent.characteristic()).isEmpty();
        }

        @Test
        void shouldOmitAbsentMembersWhenIntentIsWritten() {
            var tree = MAPPER.valueToTree(Fixtures.tmfIntent());

            assertThat(tree.has("@baseType")).isFalse();
            assertThat(tree.get("expression").has("iri")).isFalse();
            assertThat(tree.get("@type").asString()).isEqualTo("Intent");
        }
    }

    private static Arguments wire(Enum<?> constant, String wire) {
        return arguments(
                named(constant.getDeclaringClass().getSimpleName() + "." + constant + " ↔ " + wire, constant), wire);
    }
}
