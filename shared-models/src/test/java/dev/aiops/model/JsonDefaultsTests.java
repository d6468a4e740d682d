package dev.aiops.model;

import static dev.aiops.model.JsonSupport.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.aiops.model.cluster.ClusterStatus;
import dev.aiops.model.cluster.ClusterStatusChangedEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;

/** The mapper behaviour the contract relies on, as Spring Boot 4 configures Jackson 3 by default. */
class JsonDefaultsTests {

    @Test
    void shouldWriteInstantAsIso8601StringWhenSerialized() {
        assertThat(MAPPER.writeValueAsString(Instant.parse("2026-01-15T10:05:12.345Z")))
                .isEqualTo("\"2026-01-15T10:05:12.345Z\"");
    }

    @Test
    void shouldIgnoreUnknownPropertyWhenPlatformRecordIsRead() {
        ClusterStatusChangedEvent event = MAPPER.readValue(
                "{\"cluster_id\":null,\"new_state\":\"ONLINE\",\"health_score\":100,\"added_later\":true}",
                ClusterStatusChangedEvent.class);

        assertThat(event.healthScore()).isEqualTo(100);
    }

    @Test
    void shouldRejectNullWhenPrimitiveFieldReceivesIt() {
        assertThatExceptionOfType(DatabindException.class)
                .isThrownBy(() -> MAPPER.readValue(
                        "{\"state\":\"ONLINE\",\"health_score\":null,\"connectivity\":\"CONNECTED\"}",
                        ClusterStatus.class));
    }
}
