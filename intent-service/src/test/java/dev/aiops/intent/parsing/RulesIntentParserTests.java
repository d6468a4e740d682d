package dev.aiops.intent.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ParseMethod;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.Sla;
import dev.aiops.model.intent.StructuredIntent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RulesIntentParserTests {

    private final RulesIntentParser parser = new RulesIntentParser();

    @Nested
    class IssueExamples {

        @Test
        void shouldParseEmbbDeploymentWithSiteBandwidthAndLatency() {
            StructuredIntent intent = understood("Deploy eMBB slice on edge1 with 200Mbps and 30ms latency");

            assertThat(intent.intentType()).isEqualTo(IntentType.DEPLOYMENT);
            assertThat(intent.serviceType()).isEqualTo(ServiceType.EMBB);
            assertThat(intent.targetSites()).containsExactly("edge1");
            assertThat(intent.sla()).isEqualTo(new Sla(200.0, 30.0, null, null));
        }

        @Test
        void shouldReadScalingAsAbsoluteCountOrAsRelativeDelta() {
            StructuredIntent absolute = understood("Scale UPF on edge1 to 5 replicas");
            StructuredIntent relative = understood("scale out the UPF at edge1 by 2");

            assertThat(absolute.intentType()).isEqualTo(IntentType.SCALING);
            assertThat(absolute.replicas()).isEqualTo(5);
            assertThat(absolute.replicasDelta()).isNull();
            assertThat(relative.cnfFunctions()).containsExactly("UPF");
            assertThat(relative.replicas()).isNull();
            assertThat(relative.replicasDelta()).isEqualTo(2);
            assertThat(understood("Scale in the SMF on edge3 by 2").replicasDelta())
                    .isEqualTo(-2);
        }

        @Test
        void shouldAskForAtLeastTwoReplicasInARegionWhenHighAvailabilityIsWanted() {
            StructuredIntent intent = understood("Deploy AMF and SMF with high availability in us-west");

            assertThat(intent.cnfFunctions()).containsExactly("AMF", "SMF");
            assertThat(intent.region()).isEqualTo("us-west");
            assertThat(intent.targetSites()).isEmpty();
            assertThat(intent.replicas()).isEqualTo(2);
        }

        @Test
        void shouldConvertUnitsAndMultipliers() {
            assertThat(understood("deploy embb on edge-01 with 0.2 Gbps").sla().bandwidthMbps())
                    .isEqualTo(200.0);
            assertThat(understood("Deploy massive IoT for 10k devices").sla().devices())
                    .isEqualTo(10_000L);
            assertThat(understood("Setup mMTC for 2 million devices on Edge 2")
                            .sla()
                            .devices())
                    .isEqualTo(2_000_000L);
            assertThat(understood("Setup mMTC for 2 million devices on Edge 2").targetSites())
                    .containsExactly("edge2");
            assertThat(understood("Launch a URLLC slice with 500 us latency")
                            .sla()
                            .latencyMs())
                    .isEqualTo(0.5);
        }

        @Test
        void shouldHealTheNamedFunctionOnAFarEdgeSite() {
            StructuredIntent intent = understood("Heal the O-DU on far-edge-3");

            assertThat(intent.intentType()).isEqualTo(IntentType.HEALING);
            assertThat(intent.cnfFunctions()).containsExactly("O-DU");
            assertThat(intent.targetSites()).containsExactly("far-edge-3");
        }
    }

    @Nested
    class Confidence {

        @Test
        void shouldBeFullWhenEveryContentWordWasUnderstood() {
            StructuredIntent intent = understood("Please deploy an eMBB slice on edge1 with 200 Mbps");

            assertThat(intent.parse().method()).isEqualTo(ParseMethod.RULES);
            assertThat(intent.parse().confidence()).isEqualTo(1.0);
        }

        @Test
        void shouldDropWithEveryWordNothingUnderstood() {
            // content words: deploy embb edge1 200 mbps stadium → 5 of 6 understood
            StructuredIntent intent = understood("Deploy eMBB on edge1 with 200 Mbps for the stadium");

            assertThat(intent.parse().confidence()).isEqualTo(0.83);
        }
    }

    @Nested
    class Refusals {

        @Test
        void shouldSayWhatWasRecognisedAndWhatIsMissing() {
            ParseOutcome outcome = parser.parse("Scale UPF on edge1");

            assertThat(outcome.understood()).isFalse();
            assertThat(outcome.recognised())
                    .containsEntry("intent_type", "scaling")
                    .containsEntry("target_sites", java.util.List.of("edge1"));
            assertThat(outcome.missing()).containsExactly("replicas");
        }

        @Test
        void shouldRefuseRequestsOutsideTheDomainNamingTheWordsNotUnderstood() {
            ParseOutcome outcome = parser.parse("Deploy eMBB on edge1 and also book me a flight to Berlin tomorrow");

            assertThat(outcome.understood()).isFalse();
            assertThat(outcome.unrecognised()).contains("book", "flight", "berlin", "tomorrow");
        }

        @Test
        void shouldRefuseGreetings() {
            assertThat(parser.parse("Hello there!").missing()).containsExactly("intent_type");
        }
    }

    private StructuredIntent understood(String text) {
        ParseOutcome outcome = parser.parse(text);
        assertThat(outcome.understood()).as(outcome.reason()).isTrue();
        return outcome.intent();
    }
}
