package dev.aiops.model.event;

import static dev.aiops.model.JsonSupport.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.Fixtures;
import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

class EventTypeTests {

    @Nested
    class Domains {

        @ParameterizedTest(name = "{0} → {1}, {2}")
        @CsvSource({
            "CLUSTER, aiops:events:cluster, aiops:stream:cluster",
            "ALERT, aiops:events:alert, aiops:stream:alert",
            "METRIC, aiops:events:metric, aiops:stream:metric",
            "GPU, aiops:events:gpu, aiops:stream:gpu",
            "INTELLIGENCE, aiops:events:intelligence, aiops:stream:intelligence",
            "INTENT, aiops:events:intent, aiops:stream:intent",
            "CNF, aiops:events:cnf, aiops:stream:cnf",
            "PACKAGE, aiops:events:package, aiops:stream:package",
            "FCAPS, aiops:events:fcaps, aiops:stream:fcaps",
            "KPM, aiops:events:kpm, aiops:stream:kpm"
        })
        void shouldNameChannelAndStreamWhenDomainIsGiven(EventDomain domain, String channel, String stream) {
            assertThat(domain.channel()).isEqualTo(channel);
            assertThat(domain.stream()).isEqualTo(stream);
        }

        @Test
        void shouldCoverEveryDomainWhenEventTypesAreListed() {
            assertThat(Stream.of(EventType.values()).map(EventType::domain).distinct())
                    .containsExactlyInAnyOrder(EventDomain.values());
        }
    }

    @Nested
    class Payloads {

        @ParameterizedTest
        @EnumSource(EventType.class)
        void shouldDeclareSnakeCaseRecordWhenPayloadTypeIsAsked(EventType type) {
            Class<?> payload = type.payloadType();

            assertThat(payload.isRecord()).isTrue();
            assertThat(payload.getAnnotation(JsonNaming.class))
                    .extracting(JsonNaming::value)
                    .isEqualTo(SnakeCaseStrategy.class);
        }

        @Test
        void shouldConvertGenericPayloadWhenConsumerKnowsOnlyTheEventType() {
            String json = MAPPER.writeValueAsString(Fixtures.clusterStatusChangedEnvelope());

            EventEnvelope<Map<String, Object>> generic = MAPPER.readValue(json, new TypeReference<>() {});
            Object payload =
                    MAPPER.convertValue(generic.payload(), generic.eventType().payloadType());

            assertThat(payload)
                    .isInstanceOf(ClusterStatusChangedEvent.class)
                    .isEqualTo(Fixtures.clusterStatusChangedEnvelope().payload());
        }
    }

    @Nested
    class Envelope {

        @Test
        void shouldKeepEverythingElseWhenCorrelationIdIsAdded() {
            EventEnvelope<String> envelope = EventEnvelope.of(EventType.GPU_UPDATE, "collector", null, "x");

            EventEnvelope<String> correlated = envelope.withCorrelationId("intent-42");

            assertThat(correlated.correlationId()).isEqualTo("intent-42");
            assertThat(correlated)
                    .usingRecursiveComparison()
                    .ignoringFields("correlationId")
                    .isEqualTo(envelope);
        }
    }
}
