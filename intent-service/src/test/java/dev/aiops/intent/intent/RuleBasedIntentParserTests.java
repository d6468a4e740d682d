package dev.aiops.intent.intent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.intent.IntentSource;
import dev.aiops.model.intent.IntentType;
import dev.aiops.model.intent.ParseMethod;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.Sla;
import dev.aiops.model.intent.StructuredIntent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBasedIntentParserTests {

    private final RuleBasedIntentParser parser = new RuleBasedIntentParser();

    @Nested
    class Templates {

        @Test
        void shouldParseEmbbDeploymentWithBandwidthAndLatencyWhenBothAreGiven() {
            StructuredIntent intent = parse("Deploy eMBB slice on edge1 with 200Mbps and 30ms latency");

            assertThat(intent.intentType()).isEqualTo(IntentType.DEPLOYMENT);
            assertThat(intent.serviceType()).isEqualTo(ServiceType.EMBB);
            assertThat(intent.targetSites()).containsExactly("edge1");
            assertThat(intent.sla()).isEqualTo(new Sla(200.0, 30.0, null, null));
        }

        @Test
        void shouldConvertGigabitsToMegabitsWhenBandwidthIsInGbps() {
            assertThat(parse("deploy embb on Edge-Paris-01 with 1.5 Gbps").sla().bandwidthMbps())
                    .isEqualTo(1500.0);
            assertThat(parse("deploy embb on Edge-Paris-01 with 1.5 Gbps").targetSites())
                    .containsExactly("edge-paris-01");
        }

        @Test
        void shouldParseUrllcServiceWithLatencyWhenNoSiteIsGiven() {
            StructuredIntent intent = parse("Create URLLC service with 5ms latency");

            assertThat(intent.serviceType()).isEqualTo(ServiceType.URLLC);
            assertThat(intent.targetSites()).isEmpty();
            assertThat(intent.sla().latencyMs()).isEqualTo(5.0);
        }

        @Test
        void shouldParseMmtcDeviceCountWithThousandsSeparatorsAndMultipliers() {
            assertThat(parse("Setup mMTC for 10,000 devices").sla().devices()).isEqualTo(10_000L);
            assertThat(parse("Set up mMTC on far-edge-7 for 2M devices").sla().devices())
                    .isEqualTo(2_000_000L);
        }

        @Test
        void shouldParseScalingOfNetworkFunctionWhenReplicasAreGiven() {
            StructuredIntent intent = parse("Scale upf on edge1 to 3 replicas");

            assertThat(intent.intentType()).isEqualTo(IntentType.SCALING);
            assertThat(intent.serviceType()).isNull();
            assertThat(intent.cnfFunctions()).containsExactly("UPF");
            assertThat(intent.targetSites()).containsExactly("edge1");
            assertThat(intent.replicas()).isEqualTo(3);
            assertThat(parse("scale near-rt-ric on hub to 2").cnfFunctions()).containsExactly("Near-RT-RIC");
        }

        @Test
        void shouldMarkEveryResultAsRuleBasedUserIntentWithDefaultPriority() {
            StructuredIntent intent = parse("Create URLLC service with 5ms latency");

            assertThat(intent.parse().method()).isEqualTo(ParseMethod.RULES);
            assertThat(intent.parse().confidence()).isEqualTo(RuleBasedIntentParser.CONFIDENCE);
            assertThat(intent.source()).isEqualTo(IntentSource.USER);
            assertThat(intent.priority()).isEqualTo(StructuredIntent.DEFAULT_PRIORITY);
        }
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "Make the network faster",
                "Deploy eMBB on edge1", // no bandwidth
                "Create URLLC service with low latency", // no figure
                "Scale upf to 3 replicas", // no site
                "Deploy eMBB on edge1 with 200 apples"
            })
    void shouldNotParseWhenTextFitsNoTemplate(String text) {
        assertThat(parser.parse(text)).isEmpty();
    }

    private StructuredIntent parse(String text) {
        return parser.parse(text).orElseThrow(() -> new AssertionError("not parsed: " + text));
    }
}
