package dev.aiops.intent.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.intent.intent.TmfIntents.Dialect;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The hub's production defaults and its query filter, without a Spring context. */
class HubSettingsTests {

    private static HubProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("aiops.intent.hub", HubProperties.class);
    }

    @Test
    void shouldRefuseLoopbackAndMetadataCallbacksWithTheProductionDefaults() {
        HubProperties defaults = bind(Map.of());

        assertThat(defaults.urlGuard().allowLoopback()).isFalse();
        try (OutboundUrlGuard guard = new OutboundUrlGuard(defaults.urlGuard())) {
            assertThat(guard.checkForRegistration("callback", "http://127.0.0.1:9000/listener"))
                    .singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("loopback"));
            assertThat(guard.checkForRegistration("callback", "http://169.254.169.254/latest"))
                    .hasSize(1);
            assertThat(guard.checkForRegistration("callback", "https://10.1.2.3/listener"))
                    .isEmpty();
        }
    }

    @Test
    void shouldBackOffExponentiallyUpToTheCap() {
        HubProperties hub = bind(Map.of(
                "aiops.intent.hub.initial-backoff", "1s",
                "aiops.intent.hub.max-backoff", "10s"));

        assertThat(hub.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(hub.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(hub.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(hub.backoff(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(hub.backoff(60)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldParseEventTypeListsAndAnIntentFilter() {
        UUID intent = UUID.randomUUID();

        HubQuery query = HubQuery.parse(
                "eventType=IntentCreateEvent, IntentStatusChangeEvent&eventType=IntentDeleteEvent&event.intent.id="
                        + intent,
                Dialect.V5);

        assertThat(query.eventTypes())
                .isEqualTo(Set.of("IntentCreateEvent", "IntentStatusChangeEvent", "IntentDeleteEvent"));
        assertThat(query.intentId()).isEqualTo(intent);
        assertThat(HubQuery.parse(null, Dialect.V4).eventTypes()).isEmpty();
        assertThat(HubQuery.parse("eventType=IntentReportCreateEvent%2CIntentChangeEvent", Dialect.V4)
                        .eventTypes())
                .as("a URL-encoded comma list")
                .isEqualTo(Set.of("IntentReportCreateEvent", "IntentChangeEvent"));
    }

    @Test
    void shouldRefuseUnknownTermsNamingTheQueryField() {
        for (String bad : new String[] {"eventType=IntentExplodedEvent", "lifecycleStatus=failed", "intentId=x", "x"}) {
            assertThatThrownBy(() -> HubQuery.parse(bad, Dialect.V5))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.violations())
                                    .singleElement()
                                    .satisfies(v -> assertThat(v.field()).isEqualTo("query")));
        }
    }

    @Test
    void shouldNameEveryEventAsTheV4SwaggerDoesAndPostItToTheListenerItDefines() {
        for (HubEvent event : HubEvent.values()) {
            String v4 = event.typeIn(Dialect.V4);
            assertThat(Tmf921Swagger.hasDefinition(v4)).as(v4).isTrue();
            assertThat(Tmf921Swagger.listenerDefinition("/" + HubEvent.listenerPath(v4)))
                    .as(event.name())
                    .isEqualTo(v4);
        }
        assertThat(HubEvent.ATTRIBUTE_CHANGE.typeIn(Dialect.V4)).isEqualTo("IntentChangeEvent");
        assertThat(HubEvent.STATUS_CHANGE.typeIn(Dialect.V4)).isEqualTo("IntentChangeEvent");
        assertThat(HubEvent.namesIn(Dialect.V4))
                .as("every event the v4.0.1 Swagger has a listener for, and nothing else")
                .allSatisfy(name -> assertThat(Tmf921Swagger.listenerDefinition("/" + HubEvent.listenerPath(name)))
                        .isEqualTo(name));
    }

    @Test
    void shouldUseTheV5NamesForAV5Listener() {
        assertThat(HubEvent.ATTRIBUTE_CHANGE.typeIn(Dialect.V5)).isEqualTo("IntentAttributeValueChangeEvent");
        assertThat(HubEvent.STATUS_CHANGE.typeIn(Dialect.V5)).isEqualTo("IntentStatusChangeEvent");
        assertThat(HubEvent.listenerPath("IntentStatusChangeEvent")).isEqualTo("listener/intentStatusChangeEvent");
        assertThat(HubEvent.listenerPath("IntentAttributeValueChangeEvent"))
                .isEqualTo("listener/intentAttributeValueChangeEvent");
    }

    @Test
    void shouldPostBelowTheCallbackPathKeepingItsQuery() {
        assertThat(HubRelay.listenerUrl("https://listener.example/tmf", "IntentCreateEvent"))
                .hasToString("https://listener.example/tmf/listener/intentCreateEvent");
        assertThat(HubRelay.listenerUrl("https://listener.example/tmf/", "IntentChangeEvent"))
                .hasToString("https://listener.example/tmf/listener/intentChangeEvent");
        assertThat(HubRelay.listenerUrl("https://listener.example", "IntentDeleteEvent"))
                .hasToString("https://listener.example/listener/intentDeleteEvent");
        assertThat(HubRelay.listenerUrl("https://listener.example/cb?token=t1", "IntentCreateEvent"))
                .hasToString("https://listener.example/cb/listener/intentCreateEvent?token=t1");
        assertThatThrownBy(() -> HubRelay.listenerUrl("ftp://listener.example/x", "IntentCreateEvent"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
