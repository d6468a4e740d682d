package dev.aiops.intent.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.intent.IntentSource;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.Sla;
import dev.aiops.model.intent.StructuredIntent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** What the model parser accepts from a model (the schema) and the confidence it reports (the grounding). */
class LlmAnswerCheckTests {

    static final String VALID = """
            {"understood": true, "reason": null, "intent_type": "scaling", "service_type": null,
             "target_sites": ["edge1"], "region": null, "cnf_functions": ["UPF"], "replicas": 5,
             "replicas_delta": null, "sla": null, "priority": null}""";

    final IntentSchema schema = new IntentSchema(JsonMapper.builder().build());

    @Nested
    class Schema {

        @Test
        void shouldAcceptACompleteAnswerAndOneInACodeFence() {
            assertThat(schema.check(VALID).valid()).isTrue();
            assertThat(schema.check("```json\n" + VALID + "\n```").valid()).isTrue();
        }

        @Test
        void shouldAcceptARefusalWithItsReason() {
            String refusal = VALID.replace(
                            "\"understood\": true, \"reason\": null",
                            "\"understood\": false, \"reason\": \"no intent\"")
                    .replace("\"intent_type\": \"scaling\"", "\"intent_type\": null");

            assertThat(schema.check(refusal).valid()).isTrue();
        }

        @Test
        void shouldSendTheModelTheSchemaWithoutTheConditionalRulesSomeServersRefuse() {
            assertThat(schema.node().has("allOf")).isTrue();
            assertThat(schema.forModel().has("allOf")).isFalse();
            assertThat(schema.forModel().has("$schema")).isFalse();
            assertThat(schema.forModel().path("properties").properties())
                    .hasSameSizeAs(schema.node().path("properties").properties());
        }

        static Stream<Arguments> invalidAnswers() {
            return Stream.of(
                    Arguments.of("prose", "Sure, here is the intent: scale UPF"),
                    Arguments.of("a JSON array", "[" + VALID + "]"),
                    Arguments.of("an unknown intent type", VALID.replace("\"scaling\"", "\"scale\"")),
                    Arguments.of("an unknown function", VALID.replace("\"UPF\"", "\"PGW\"")),
                    Arguments.of("a site that is no DNS label", VALID.replace("\"edge1\"", "\"Edge 1!\"")),
                    Arguments.of(
                            "a field the schema does not have",
                            VALID.replace("\"priority\": null", "\"priority\": null, \"x\": 1")),
                    Arguments.of("a missing field", VALID.replace(", \"priority\": null", "")),
                    Arguments.of("a scaling without a count", VALID.replace("\"replicas\": 5", "\"replicas\": null")),
                    Arguments.of("a scaling without a function", VALID.replace("[\"UPF\"]", "[]")),
                    Arguments.of("understood without an intent type", VALID.replace("\"scaling\"", "null")),
                    Arguments.of(
                            "a refusal without a reason",
                            VALID.replace("\"understood\": true", "\"understood\": false")),
                    Arguments.of("a priority above 10", VALID.replace("\"priority\": null", "\"priority\": 11")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidAnswers")
        void shouldRejectAnAnswerThatBreaksTheSchema(String name, String answer) {
            IntentSchema.Checked checked = schema.check(answer);

            assertThat(checked.valid()).isFalse();
            assertThat(checked.errors()).isNotEmpty();
        }
    }

    @Nested
    class Confidence {

        @Test
        void shouldBeOneWhenEveryValueIsInTheSentence() {
            StructuredIntent intent = intent(
                    IntentType.DEPLOYMENT,
                    ServiceType.EMBB,
                    List.of("edge1"),
                    List.of(),
                    null,
                    new Sla(1000.0, 30.0, null, null));

            assertThat(Grounding.score(intent, "Deploy eMBB on edge1 with 1 Gbps and 30ms latency"))
                    .isEqualTo(1.0);
        }

        @Test
        void shouldDropForEachValueTheModelMadeUp() {
            // site and latency are not in the sentence: 3 of 5 values grounded
            StructuredIntent intent = intent(
                    IntentType.DEPLOYMENT,
                    ServiceType.EMBB,
                    List.of("edge9"),
                    List.of(),
                    null,
                    new Sla(200.0, 10.0, null, null));

            assertThat(Grounding.score(intent, "Deploy eMBB on edge1 with 200 Mbps"))
                    .isEqualTo(0.6);
        }

        @Test
        void shouldFindFunctionsAndSitesWhateverTheirSpelling() {
            StructuredIntent intent =
                    intent(IntentType.SCALING, null, List.of("far-edge-3"), List.of("Near-RT-RIC", "O-DU"), 3, null);

            assertThat(Grounding.score(intent, "scale the RIC and the o du at far edge 3 to 3 replicas"))
                    .isEqualTo(1.0);
        }
    }

    static StructuredIntent intent(
            IntentType type,
            ServiceType service,
            List<String> sites,
            List<String> functions,
            Integer replicas,
            Sla sla) {
        return new StructuredIntent(
                type, service, sites, functions, replicas, sla, IntentSource.USER, null, null, null);
    }
}
