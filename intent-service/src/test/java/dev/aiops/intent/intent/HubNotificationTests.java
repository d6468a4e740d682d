package dev.aiops.intent.intent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.aiops.intent.support.IntentIntegrationTest;
import dev.aiops.intent.support.SecondReplica;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * TMF921 hub subscriptions against real PostgreSQL, with real HTTP servers on 127.0.0.1 as the listeners (a
 * WireMock server, and the JDK's for a listener that is down or holds a call; the test profile allows loopback
 * callbacks, production does not). Every notification received is checked against the listener path and
 * definition of the official v4.0.1 Swagger, or the v5 names for a v5 listener.
 */
@IntentIntegrationTest
class HubNotificationTests {

    private static final String V4 = "/tmf-api/intent/v4";
    private static final String V5 = "/tmf-api/intentManagement/v5";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final WireMockServer LISTENER =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Environment environment;

    @Autowired
    HubRelay relay;

    @BeforeAll
    static void startListener() {
        LISTENER.start();
        LISTENER.stubFor(
                post(urlPathMatching("/ok/listener/.*")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stopListener() {
        LISTENER.stop();
    }

    @Test
    void shouldRegisterAndUnregisterAListenerOnBothViews() {
        for (String base : List.of(V4, V5)) {
            EntityExchangeResult<String> created = exchange("POST", base + "/hub", """
                    {"callback": "%s", "query": "eventType=IntentCreateEvent"}""".formatted(callback("/ok")));
            JsonNode subscription = json.readTree(created.getResponseBody());

            assertThat(created.getStatus().value()).isEqualTo(201);
            assertThat(Tmf921Swagger.violations("EventSubscription", subscription))
                    .isEmpty();
            assertThat(subscription.path("callback").asString()).isEqualTo(callback("/ok"));
            assertThat(subscription.path("query").asString()).isEqualTo("eventType=IntentCreateEvent");
            String id = subscription.path("id").asString();
            assertThat(created.getResponseHeaders().getLocation())
                    .hasToString(
                            "http://localhost:" + environment.getProperty("local.server.port") + base + "/hub/" + id);
            assertThat(jdbc.queryForObject("select dialect from hub_subscription where id = ?::uuid", String.class, id))
                    .isEqualTo(base.equals(V4) ? "V4" : "V5");

            EntityExchangeResult<String> read = exchange("GET", base + "/hub/" + id, null);
            assertThat(read.getStatus().value()).isEqualTo(200);
            JsonNode readBack = json.readTree(read.getResponseBody());
            assertThat(Tmf921Swagger.violations("EventSubscription", readBack)).isEmpty();
            assertThat(readBack).isEqualTo(subscription);

            assertThat(exchange("DELETE", base + "/hub/" + id, null).getStatus().value())
                    .isEqualTo(204);
            EntityExchangeResult<String> gone = exchange("GET", base + "/hub/" + id, null);
            assertThat(gone.getStatus().value()).isEqualTo(404);
            assertThat(json.readTree(gone.getResponseBody()).path("code").asString())
                    .isEqualTo("SUBSCRIPTION_NOT_FOUND");
            EntityExchangeResult<String> again = exchange("DELETE", base + "/hub/" + id, null);
            assertThat(again.getStatus().value()).isEqualTo(404);
            assertThat(json.readTree(again.getResponseBody()).path("code").asString())
                    .isEqualTo("SUBSCRIPTION_NOT_FOUND");
            assertThat(jdbc.queryForObject(
                            "select count(*) from hub_subscription where id = ?::uuid", Integer.class, id))
                    .isZero();
        }
        assertThat(exchange("DELETE", V4 + "/hub/" + UUID.randomUUID(), null)
                        .getStatus()
                        .value())
                .isEqualTo(404);
        for (String unknown : List.of(V5 + "/hub/" + UUID.randomUUID(), V4 + "/hub/not-a-uuid")) {
            EntityExchangeResult<String> missing = exchange("GET", unknown, null);
            assertThat(missing.getStatus().value()).isEqualTo(404);
            assertThat(json.readTree(missing.getResponseBody()).path("code").asString())
                    .isEqualTo("SUBSCRIPTION_NOT_FOUND");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://listener.example/x",
                "file:///etc/passwd",
                "http://169.254.169.254/latest/meta-data",
                "http://metadata.google.internal/computeMetadata/v1",
                "http://[fe80::1]/x",
                "not a url",
                ""
            })
    void shouldRefuseABadCallbackNamingTheField(String callback) {
        int before = jdbc.queryForObject("select count(*) from hub_subscription", Integer.class);

        EntityExchangeResult<String> refused = exchange("POST", V4 + "/hub", "{\"callback\": \"" + callback + "\"}");

        assertThat(refused.getStatus().value()).isEqualTo(400);
        assertThat(refused.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(json.readTree(refused.getResponseBody())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("callback");
        assertThat(jdbc.queryForObject("select count(*) from hub_subscription", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void shouldRefuseAQueryItCannotFilterOnNamingTheField() {
        for (String query : List.of("eventType=IntentExplodedEvent", "state=acknowledged", "event.intent.id=42")) {
            EntityExchangeResult<String> refused = exchange("POST", V5 + "/hub", """
                    {"callback": "%s", "query": "%s"}""".formatted(callback("/ok"), query));
            assertThat(refused.getStatus().value()).as(query).isEqualTo(400);
            assertThat(json.readTree(refused.getResponseBody())
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asString())
                    .isEqualTo("query");
        }
    }

    @Test
    void shouldAcceptOnlyTheEventNamesOfTheListenersOwnVersion() {
        // v4.0.1 has one IntentChangeEvent; v5 splits it into attribute and status changes
        for (var refusedCase : List.of(
                List.of(V4, "eventType=IntentStatusChangeEvent"),
                List.of(V4, "eventType=IntentAttributeValueChangeEvent"),
                List.of(V5, "eventType=IntentChangeEvent"))) {
            EntityExchangeResult<String> refused =
                    exchange("POST", refusedCase.get(0) + "/hub", """
                    {"callback": "%s", "query": "%s"}""".formatted(callback("/ok"), refusedCase.get(1)));
            assertThat(refused.getStatus().value()).as(refusedCase.toString()).isEqualTo(400);
            assertThat(json.readTree(refused.getResponseBody())
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asString())
                    .isEqualTo("query");
        }
        String v4 = subscribe(V4, "/ok", "eventType=IntentChangeEvent,IntentReportDeleteEvent");
        String v5 = subscribe(V5, "/ok", "eventType=IntentStatusChangeEvent,IntentAttributeValueChangeEvent");
        exchange("DELETE", V4 + "/hub/" + v4, null);
        exchange("DELETE", V5 + "/hub/" + v5, null);
    }

    @Test
    void shouldLetOnlyOperatorsReadASubscriptionWithItsCallbackUrl() {
        String id = subscribe(V5, "/ok", null);
        try {
            for (String base : List.of(V4, V5)) {
                EntityExchangeResult<String> asViewer = client.get()
                        .uri(base + "/hub/" + id)
                        .headers(tokens.as("viewer"))
                        .exchange()
                        .returnResult(String.class);
                assertThat(asViewer.getStatus().value()).as(base).isEqualTo(403);
                assertThat(asViewer.getResponseBody()).doesNotContain(callback("/ok"));
                assertThat(exchange("GET", base + "/hub/" + id, null)
                                .getStatus()
                                .value())
                        .as(base)
                        .isEqualTo(200);
            }
        } finally {
            exchange("DELETE", V5 + "/hub/" + id, null);
        }
    }

    @Test
    void shouldDeliverEverythingInOrderOnceAListenerThatWasDownComesUp() {
        try (HubListener listener = new HubListener()) { // registered while nothing listens there
            String subscription =
                    subscribeAt(V5, listener.callback(), "eventType=IntentCreateEvent,IntentAttributeValueChangeEvent");
            String intent = createIntent(V5, "Setup mMTC for 50000 devices");
            rename(intent, "first");
            rename(intent, "second");
            rename(intent, "third");
            // refused connections, retried with backoff; nothing given up, nothing out of order
            await().atMost(PATIENCE)
                    .until(
                            () -> jdbc.queryForObject(
                                    "select max(attempts) from hub_delivery where subscription_id = ?::uuid",
                                    Integer.class,
                                    subscription),
                            attempts -> attempts != null && attempts >= 3);
            assertThat(jdbc.queryForObject(
                            "select count(*) from hub_delivery where subscription_id = ?::uuid",
                            Integer.class,
                            subscription))
                    .isEqualTo(4);
            assertThat(jdbc.queryForList(
                            "select last_error from hub_delivery where subscription_id = ?::uuid and attempts > 0",
                            String.class,
                            subscription))
                    .allSatisfy(error -> assertThat(error).startsWith("listener unreachable"));

            listener.up();
            awaitDrained(subscription);

            List<HubListener.Received> received = listener.received().stream()
                    .filter(r -> intent.equals(json.readTree(r.body())
                            .path("event")
                            .path("intent")
                            .path("id")
                            .asString()))
                    .toList();
            assertThat(received)
                    .extracting(HubListener.Received::path)
                    .containsExactly(
                            "/tmf-listener/listener/intentCreateEvent",
                            "/tmf-listener/listener/intentAttributeValueChangeEvent",
                            "/tmf-listener/listener/intentAttributeValueChangeEvent",
                            "/tmf-listener/listener/intentAttributeValueChangeEvent");
            assertThat(received)
                    .extracting(r -> json.readTree(r.body())
                            .path("event")
                            .path("intent")
                            .path("name")
                            .asString())
                    .containsExactly("hub-test", "first", "second", "third");
            assertThat(received)
                    .extracting(r -> json.readTree(r.body()).path("eventType").asString())
                    .containsExactly(
                            "IntentCreateEvent",
                            "IntentAttributeValueChangeEvent",
                            "IntentAttributeValueChangeEvent",
                            "IntentAttributeValueChangeEvent");
        }
    }

    @Test
    void shouldSendANotificationAgainWhenTheServiceStopsWhileDeliveringIt() {
        try (HubListener listener = new HubListener().holdingTheFirstRequest().up()) {
            String subscription = subscribeAt(V4, listener.callback(), "eventType=IntentCreateEvent");
            relay.stop(); // this context's relay stays out of it: the replica below delivers, and stops
            String intent;
            try {
                intent = createIntent(V4, "Setup mMTC for 60000 devices");
                // a read timeout longer than the test: the call ends because the replica stops, nothing else
                try (ConfigurableApplicationContext replica =
                        SecondReplica.start(environment, "aiops.intent.hub.read-timeout=5m")) {
                    // the replica's call has reached the listener, which holds it unanswered
                    await().atMost(PATIENCE).until(() -> listener.received().size() == 1);
                }
                // the stopped replica cancelled its call and handed the notification back: owed, due now, not
                // waiting for the lease a crashed relay leaves behind
                assertThat(jdbc.queryForObject(
                                "select count(*) from hub_delivery where subscription_id = ?::uuid"
                                        + " and next_attempt_at <= now()",
                                Integer.class,
                                subscription))
                        .isEqualTo(1);
                listener.releaseHeld();
            } finally {
                relay.start(); // the service "restarted"
            }
            awaitDrained(subscription);

            List<HubListener.Received> received = listener.received();
            assertThat(received).hasSize(2);
            assertThat(received)
                    .extracting(HubListener.Received::path)
                    .containsOnly("/tmf-listener/listener/intentCreateEvent");
            List<JsonNode> events =
                    received.stream().map(r -> json.readTree(r.body())).toList();
            assertThat(events)
                    .extracting(e -> e.path("event").path("intent").path("id").asString())
                    .containsOnly(intent);
            assertThat(events)
                    .extracting(e -> e.path("eventId").asString())
                    .as("the same notification, sent again")
                    .hasSize(2)
                    .containsOnly(events.get(0).path("eventId").asString());
            assertThat(Tmf921Swagger.violations("IntentCreateEvent", events.get(1)))
                    .isEmpty();
        }
    }

    @Test
    void shouldNotifyEveryEventTypeInOrderEachValidAgainstTheV4ListenerSchema() {
        String path = "/all-" + UUID.randomUUID();
        LISTENER.stubFor(post(urlPathMatching(path + "/listener/.*"))
                .willReturn(aResponse().withStatus(201)));
        String subscription = subscribe(V4, path, null);

        String intent = createIntent(V4, "Setup mMTC for 10000 devices");
        rename(intent, "renamed-by-the-operator");
        assertThat(exchange("DELETE", V4 + "/intent/" + intent, null)
                        .getStatus()
                        .value())
                .isEqualTo(204);
        awaitDrained(subscription);

        List<JsonNode> events = received(path, intent);
        List<String> types =
                events.stream().map(e -> e.path("eventType").asString()).toList();
        // v4's names: its one IntentChangeEvent for v5's attribute and status changes
        assertThat(types)
                .contains("IntentCreateEvent", "IntentReportCreateEvent", "IntentChangeEvent", "IntentDeleteEvent")
                .doesNotContain("IntentAttributeValueChangeEvent", "IntentStatusChangeEvent");
        List<String> paths = calls(path).stream()
                .filter(call -> call.getResponse().getStatus() / 100 == 2)
                .map(call -> call.getRequest().getUrl().substring(path.length()))
                .distinct()
                .toList();
        for (String listenerPath : paths) {
            assertThat(Tmf921Swagger.listenerDefinition(listenerPath))
                    .as("the v4.0.1 Swagger has a listener at " + listenerPath)
                    .isNotNull();
        }
        for (ServeEvent call : calls(path)) {
            JsonNode event = json.readTree(call.getRequest().getBodyAsString());
            String type = event.path("eventType").asString();
            String listenerPath = call.getRequest().getUrl().substring(path.length());
            // POSTed to the listener the Swagger has for exactly this event, valid against its definition
            assertThat(Tmf921Swagger.listenerDefinition(listenerPath)).isEqualTo(type);
            assertThat(Tmf921Swagger.violations(type, event))
                    .as(event.toString())
                    .isEmpty();
            assertThat(event.path("eventId").asString()).isNotBlank();
            assertThat(event.path("eventTime").asString()).isNotBlank();
        }
        // the order the changes happened in
        assertThat(types.get(0)).isEqualTo("IntentCreateEvent");
        assertThat(types.get(1)).isEqualTo("IntentReportCreateEvent");
        assertThat(types.get(types.size() - 1)).isEqualTo("IntentDeleteEvent");

        JsonNode created = events.get(0).path("event").path("intent");
        assertThat(created.path("id").asString()).isEqualTo(intent);
        assertThat(created.path("href").asString()).endsWith(V4 + "/intent/" + intent);
        assertThat(json.readTree(created.path("expression")
                                .path("expressionValue")
                                .asString())
                        .path("service_type")
                        .asString())
                .isEqualTo("mMTC");
        JsonNode report = events.get(1).path("event").path("intentReport");
        assertThat(report.path("name").asString()).isEqualTo("parsed");
        assertThat(report.path("intent").path("id").asString()).isEqualTo(intent);
        assertThat(events.stream()
                        .filter(e -> e.path("eventType").asString().equals("IntentChangeEvent"))
                        .map(e -> e.path("event").path("intent").path("name").asString()))
                .as("the rename reaches a v4 listener as an IntentChangeEvent")
                .contains("renamed-by-the-operator");
        JsonNode cancelled = events.stream()
                .filter(e -> e.path("eventType").asString().equals("IntentChangeEvent"))
                .reduce((first, second) -> second)
                .orElseThrow()
                .path("event")
                .path("intent");
        assertThat(cancelled.path("lifecycleStatus").asString()).isEqualTo("cancelled");
    }

    @Test
    void shouldFilterByEventTypeAndCarryTheV5ShapeToAV5Listener() {
        String path = "/v5-" + UUID.randomUUID();
        LISTENER.stubFor(post(urlPathMatching(path + "/listener/.*"))
                .willReturn(aResponse().withStatus(200)));
        String subscription = subscribe(V5, path, "eventType=IntentCreateEvent");

        String intent = createIntent(V5, "Setup mMTC for 20000 devices");
        rename(intent, "not-for-this-listener");
        awaitDrained(subscription);
        exchange("DELETE", V5 + "/intent/" + intent, null);
        awaitDrained(subscription);

        List<JsonNode> events = received(path, intent);
        assertThat(events).hasSize(1);
        JsonNode created = events.get(0);
        assertThat(created.path("eventType").asString()).isEqualTo("IntentCreateEvent");
        assertThat(calls(path))
                .singleElement()
                .satisfies(
                        call -> assertThat(call.getRequest().getUrl()).isEqualTo(path + "/listener/intentCreateEvent"));
        // v5 carries the structured intent as an object, not as the serialised string v4 has
        assertThat(created.path("event")
                        .path("intent")
                        .path("expression")
                        .path("expressionValue")
                        .path("service_type")
                        .asString())
                .isEqualTo("mMTC");
        assertThat(created.path("event").path("intent").path("href").asString()).endsWith(V5 + "/intent/" + intent);
    }

    @Test
    void shouldRetryAfterServerErrorsWithoutLettingLaterEventsOvertake() {
        String path = "/flaky-" + UUID.randomUUID();
        String listener = path + "/listener/intentAttributeValueChangeEvent";
        LISTENER.stubFor(post(urlEqualTo(listener))
                .inScenario(path)
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed once"));
        LISTENER.stubFor(post(urlEqualTo(listener))
                .inScenario(path)
                .whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        LISTENER.stubFor(post(urlEqualTo(listener))
                .inScenario(path)
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        String intent = createIntent(V5, "Setup mMTC for 30000 devices");
        String subscription =
                subscribe(V5, path, "eventType=IntentAttributeValueChangeEvent&event.intent.id=" + intent);

        rename(intent, "first");
        rename(intent, "second");
        rename(intent, "third");
        awaitDrained(subscription);

        List<ServeEvent> calls = calls(path);
        List<String> names = calls.stream()
                .map(call -> json.readTree(call.getRequest().getBodyAsString())
                        .path("event")
                        .path("intent")
                        .path("name")
                        .asString())
                .toList();
        List<Integer> statuses =
                calls.stream().map(call -> call.getResponse().getStatus()).toList();
        assertThat(names).containsExactly("first", "first", "first", "second", "third");
        assertThat(statuses).containsExactly(500, 503, 200, 200, 200);
        assertThat(calls.stream()
                        .limit(3)
                        .map(call -> json.readTree(call.getRequest().getBodyAsString())
                                .path("eventId")
                                .asString())
                        .distinct())
                .as("a retry resends the same notification")
                .hasSize(1);
    }

    @Test
    void shouldDeliverWhatWasOwedAfterTheServiceRestarts() {
        String path = "/restart-" + UUID.randomUUID();
        LISTENER.stubFor(post(urlPathMatching(path + "/listener/.*"))
                .willReturn(aResponse().withStatus(200)));
        String subscription = subscribe(V4, path, "eventType=IntentCreateEvent");
        relay.stop(); // this instance "dies" before it sends anything
        String intent;
        try {
            intent = createIntent(V4, "Setup mMTC for 40000 devices");
            assertThat(jdbc.queryForObject(
                            "select count(*) from hub_delivery where subscription_id = ?::uuid",
                            Integer.class,
                            subscription))
                    .as("owed, written with the intent")
                    .isEqualTo(1);
            assertThat(calls(path)).isEmpty();

            try (ConfigurableApplicationContext second = SecondReplica.start(environment)) {
                awaitDrained(subscription);
            }
        } finally {
            relay.start();
        }
        List<JsonNode> events = received(path, intent);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("eventType").asString()).isEqualTo("IntentCreateEvent");
        assertThat(Tmf921Swagger.violations("IntentCreateEvent", events.get(0))).isEmpty();
    }

    private String callback(String path) {
        return "http://127.0.0.1:" + LISTENER.port() + path;
    }

    private String subscribe(String base, String path, String query) {
        return subscribeAt(base, callback(path), query);
    }

    private String subscribeAt(String base, String callback, String query) {
        String body = query == null
                ? "{\"callback\": \"" + callback + "\"}"
                : "{\"callback\": \"" + callback + "\", \"query\": \"" + query + "\"}";
        EntityExchangeResult<String> created = exchange("POST", base + "/hub", body);
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        return json.readTree(created.getResponseBody()).path("id").asString();
    }

    private String createIntent(String base, String sentence) {
        EntityExchangeResult<String> created = exchange("POST", base + "/intent", """
                {"name": "hub-test", "expression": {"@type": "JsonLdExpression", "expressionLanguage": "text",
                 "expressionValue": "%s"}, "@type": "Intent"}""".formatted(sentence));
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        return json.readTree(created.getResponseBody()).path("id").asString();
    }

    private void rename(String intent, String name) {
        EntityExchangeResult<String> patched =
                exchange("PATCH", V4 + "/intent/" + intent, "{\"name\": \"" + name + "\", \"@type\": \"Intent\"}");
        assertThat(patched.getStatus().value()).as(patched.getResponseBody()).isEqualTo(200);
    }

    /** Every notification written for the subscription so far has been delivered. */
    private void awaitDrained(String subscription) {
        await().atMost(PATIENCE)
                .until(
                        () -> jdbc.queryForObject(
                                "select count(*) from hub_delivery where subscription_id = ?::uuid",
                                Integer.class,
                                subscription),
                        count -> count == 0);
    }

    /** The calls the listener received below callback {@code path}, oldest first. */
    private static List<ServeEvent> calls(String path) {
        List<ServeEvent> calls = new ArrayList<>(LISTENER.getAllServeEvents().stream()
                .filter(call -> call.getRequest().getUrl().startsWith(path + "/listener/"))
                .toList());
        java.util.Collections.reverse(calls); // WireMock lists the newest first
        return calls;
    }

    /** The notifications about {@code intent} the listener accepted on {@code path}, oldest first. */
    private List<JsonNode> received(String path, String intent) {
        return calls(path).stream()
                .filter(call -> call.getResponse().getStatus() / 100 == 2)
                .map(call -> json.readTree(call.getRequest().getBodyAsString()))
                .filter(event -> intent.equals(
                                event.path("event").path("intent").path("id").asString())
                        || intent.equals(event.path("event")
                                .path("intentReport")
                                .path("intent")
                                .path("id")
                                .asString()))
                .toList();
    }

    private EntityExchangeResult<String> exchange(String method, String uri, String body) {
        RestTestClient.RequestBodySpec request = client.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(uri)
                .headers(tokens.as("operator"));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange().returnResult(String.class);
    }
}
