package dev.aiops.intent.intent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.util.Map;
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
 * TMF921 hub subscriptions against real PostgreSQL, with a WireMock server on 127.0.0.1 as the listener
 * (the test profile allows loopback callbacks; production does not). Every notification received is
 * checked against the listener definitions of the official v4.0.1 Swagger.
 */
@IntentIntegrationTest
class HubNotificationTests {

    private static final String V4 = "/tmf-api/intent/v4";
    private static final String V5 = "/tmf-api/intentManagement/v5";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The v4.0.1 Swagger has one IntentChangeEvent for what TMF921 v5 splits into attribute and status. */
    private static final Map<String, String> V4_DEFINITION = Map.of(
            "IntentCreateEvent", "IntentCreateEvent",
            "IntentAttributeValueChangeEvent", "IntentChangeEvent",
            "IntentStatusChangeEvent", "IntentChangeEvent",
            "IntentDeleteEvent", "IntentDeleteEvent",
            "IntentReportCreateEvent", "IntentReportCreateEvent");

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
        LISTENER.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(204)));
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
    void shouldNotifyEveryEventTypeInOrderEachValidAgainstTheV4ListenerSchema() {
        String path = "/all-" + UUID.randomUUID();
        LISTENER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201)));
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
        assertThat(types)
                .contains(
                        "IntentCreateEvent",
                        "IntentReportCreateEvent",
                        "IntentAttributeValueChangeEvent",
                        "IntentStatusChangeEvent",
                        "IntentDeleteEvent");
        for (JsonNode event : events) {
            String type = event.path("eventType").asString();
            assertThat(Tmf921Swagger.violations(V4_DEFINITION.get(type), event))
                    .as(event.toString())
                    .isEmpty();
            assertThat(event.path("eventId").asString()).isNotBlank();
            assertThat(event.path("eventTime").asString()).isNotBlank();
        }
        // the order the changes happened in
        assertThat(types.get(0)).isEqualTo("IntentCreateEvent");
        assertThat(types.get(1)).isEqualTo("IntentReportCreateEvent");
        assertThat(types.get(types.size() - 1)).isEqualTo("IntentDeleteEvent");
        assertThat(types.indexOf("IntentAttributeValueChangeEvent")).isGreaterThan(1);

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
        JsonNode renamed = events.get(types.indexOf("IntentAttributeValueChangeEvent"))
                .path("event")
                .path("intent");
        assertThat(renamed.path("name").asString()).isEqualTo("renamed-by-the-operator");
        JsonNode cancelled = events.stream()
                .filter(e -> e.path("eventType").asString().equals("IntentStatusChangeEvent"))
                .reduce((first, second) -> second)
                .orElseThrow()
                .path("event")
                .path("intent");
        assertThat(cancelled.path("lifecycleStatus").asString()).isEqualTo("cancelled");
    }

    @Test
    void shouldFilterByEventTypeAndCarryTheV5ShapeToAV5Listener() {
        String path = "/v5-" + UUID.randomUUID();
        LISTENER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
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
        LISTENER.stubFor(post(urlEqualTo(path))
                .inScenario(path)
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed once"));
        LISTENER.stubFor(post(urlEqualTo(path))
                .inScenario(path)
                .whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        LISTENER.stubFor(post(urlEqualTo(path))
                .inScenario(path)
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        String intent = createIntent(V4, "Setup mMTC for 30000 devices");
        String subscription =
                subscribe(V4, path, "eventType=IntentAttributeValueChangeEvent&event.intent.id=" + intent);

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
        LISTENER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
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
        String body = query == null
                ? "{\"callback\": \"" + callback(path) + "\"}"
                : "{\"callback\": \"" + callback(path) + "\", \"query\": \"" + query + "\"}";
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

    /** The calls the listener received on {@code path}, oldest first. */
    private static List<ServeEvent> calls(String path) {
        List<ServeEvent> calls = new ArrayList<>(LISTENER.getAllServeEvents().stream()
                .filter(call -> call.getRequest().getUrl().equals(path))
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
