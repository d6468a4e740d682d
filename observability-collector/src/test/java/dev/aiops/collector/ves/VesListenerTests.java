package dev.aiops.collector.ves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.test.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * VES events of every domain (ONAP's own samples where ONAP publishes them) through the real HTTP listener,
 * stored in the real PostgreSQL and streamed on the real Redis.
 */
@CollectorIntegrationTest
class VesListenerTests {

    static final String[] DOMAINS = {
        "fault",
        "heartbeat",
        "measurement",
        "notification",
        "other",
        "pnfRegistration",
        "stateChange",
        "stndDefined",
        "syslog",
        "thresholdCrossingAlert"
    };

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Nested
    class Listener {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "fault",
                    "heartbeat",
                    "measurement",
                    "notification",
                    "other",
                    "pnfRegistration",
                    "stateChange",
                    "stndDefined",
                    "syslog",
                    "thresholdCrossingAlert"
                })
        void shouldAcceptStoreAndStreamAValidEventOfEveryDomain(String domain) {
            String source = source();
            ObjectNode body = fixture("valid-" + domain + ".json", source);
            String eventId =
                    body.path("event").path("commonEventHeader").path("eventId").asString();

            post(VesController.EVENT, body, basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();

            assertThat(stored(source)).isEqualTo(1);
            JsonNode payload = awaitStreamed(source, eventId);
            assertThat(payload.path("domain").asString()).isEqualTo(domain);
            assertThat(payload.path("source_name").asString()).isEqualTo(source);
            assertThat(payload.path("event")
                            .path("commonEventHeader")
                            .path("eventId")
                            .asString())
                    .isEqualTo(eventId);
        }

        @Test
        void shouldCarryTheWholeFaultOnTheStreamWithItsSeverity() {
            String source = source();
            post(VesController.EVENT, fixture("valid-fault.json", source), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();

            JsonNode payload = awaitStreamed(source, "fault0000245");
            assertThat(payload.path("severity").asString()).isEqualTo("CRITICAL");
            assertThat(payload.path("priority").asString()).isEqualTo("High");
            assertThat(payload.path("event")
                            .path("faultFields")
                            .path("alarmCondition")
                            .asString())
                    .isEqualTo("PilotNumberPoolExhaustion");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "ipv4",
                    "ipv6",
                    "fault-missing-severity",
                    "listener-version-7.3",
                    "priority",
                    "additional-property"
                })
        void shouldRefuseAnInvalidEventWithItsViolationsAndStoreNothing(String kind) {
            String source = source();
            post(VesController.EVENT, fixture("invalid-" + kind + ".json", source), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field")
                    .value(field -> assertThat((String) field).startsWith("event"));

            assertThat(stored(source)).isZero();
        }

        @Test
        void shouldNameTheInvalidIpv4Field() {
            String source = source();
            post(VesController.EVENT, fixture("invalid-ipv4.json", source), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("event.pnfRegistrationFields.oamV4IpAddress");
        }

        @Test
        void shouldAcceptABatchOfEveryDomainAt202() {
            String source = source();
            post(VesController.BATCH, batch(source, DOMAINS), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();

            assertThat(stored(source)).isEqualTo(DOMAINS.length);
            // the batch is one outbox row, streamed as one entry per event, each with its own envelope id
            assertThat(jdbc.queryForObject(
                            "select cardinality(batch_event_ids) from outbox_event where aggregate_id = ?",
                            Integer.class,
                            source))
                    .isEqualTo(DOMAINS.length);
            await().atMost(Duration.ofSeconds(10)).until(() -> entries(source).size() == DOMAINS.length);
            assertThat(entries(source))
                    .allSatisfy(entry -> assertThat(entry.get("event_id"))
                            .isEqualTo(json.readTree(entry.get("envelope"))
                                    .path("event_id")
                                    .asString()))
                    .extracting(entry -> entry.get("event_id"))
                    .doesNotHaveDuplicates();
        }

        @Test
        void shouldApplyNothingOfABatchWithOneInvalidEvent() {
            String source = source();
            ObjectNode body = batch(source, "fault", "heartbeat", "measurement");
            ((ObjectNode) body.withArray("eventList").get(2).path("measurementFields")).remove("measurementInterval");

            post(VesController.BATCH, body, basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("eventList[2].measurementFields.measurementInterval");

            assertThat(stored(source)).isZero();
            assertThat(jdbc.queryForObject(
                            "select count(*) from ves_heartbeat where source_name = ?", Long.class, source))
                    .isZero();
        }

        @Test
        void shouldStoreAndStreamAReSentEventOnce() {
            String source = source();
            ObjectNode body = fixture("valid-syslog.json", source);
            for (int i = 0; i < 3; i++) {
                post(VesController.EVENT, body, basic("ves-agent", "ves-secret"))
                        .expectStatus()
                        .isAccepted();
            }

            assertThat(stored(source)).isEqualTo(1);
            awaitStreamed(source, "syslog0000001");
            assertThat(streamed(source)).hasSize(1);
            // idempotency is the (sourceName, eventId) key, so the envelope id can be the contract's UUID v4;
            // the entry carries the accepting request's trace context beside the envelope
            assertThat(entries(source)).singleElement().satisfies(entry -> {
                assertThat(UUID.fromString(json.readTree(entry.get("envelope"))
                                        .path("event_id")
                                        .asString())
                                .version())
                        .isEqualTo(4);
                assertThat(entry.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            });
        }

        @Test
        void shouldAnswer413AndStoreNothingForABatchAboveTheBodyLimit() {
            String source = source();
            // the platform's default limit is 1 MB; 3,000 syslog events of one source (~1.3 MB) exceed it
            post(VesController.BATCH, batch(source, repeat("syslog", 3_000)), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isEqualTo(413)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("PAYLOAD_TOO_LARGE");

            assertThat(stored(source)).isZero();
        }

        @Test
        void shouldAcceptBothFormsOnThePlatformAlias() {
            String source = source();
            post(VesController.FCAPS, fixture("valid-other.json", source), tokens.as("operator"))
                    .expectStatus()
                    .isAccepted();
            post(VesController.FCAPS, batch(source, "fault", "syslog"), tokens.as("operator"))
                    .expectStatus()
                    .isAccepted();

            assertThat(stored(source)).isEqualTo(3);
        }

        @Test
        void shouldCountReceivedAndRejectedEventsInTheMetrics() {
            post(VesController.EVENT, fixture("valid-fault.json", source()), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();
            post(VesController.EVENT, fixture("invalid-ipv6.json", source()), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isBadRequest();

            String metrics = client.get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(metrics)
                    .containsPattern("ves_events_received_total\\{domain=\"fault\",severity=\"CRITICAL\"\\} [1-9]")
                    .containsPattern("ves_events_rejected_total\\{reason=\"schema\"\\} [1-9]");
        }

        @Test
        void shouldRefuseABodyWithoutEvent() {
            post(VesController.EVENT, json.createObjectNode().put("foo", 1), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("event");
        }
    }

    @Nested
    class Authentication {

        @Test
        void shouldAnswer401WithoutCredentials() {
            post(VesController.EVENT, fixture("valid-fault.json", source()), headers -> {})
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("UNAUTHORIZED");
        }

        @Test
        void shouldAnswer401AndStoreNothingWithAWrongPassword() {
            String source = source();
            post(VesController.EVENT, fixture("valid-fault.json", source), basic("ves-agent", "wrong"))
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic.*");
            post(VesController.EVENT, fixture("valid-fault.json", source), basic("nobody", "ves-secret"))
                    .expectStatus()
                    .isUnauthorized();

            assertThat(stored(source)).isZero();
        }

        @Test
        void shouldAcceptAnOperatorTokenAndRefuseAViewerToken() {
            String source = source();
            post(VesController.EVENT, fixture("valid-fault.json", source), tokens.as("viewer"))
                    .expectStatus()
                    .isForbidden();
            post(VesController.EVENT, fixture("valid-fault.json", source), tokens.as("operator"))
                    .expectStatus()
                    .isAccepted();

            assertThat(stored(source)).isEqualTo(1);
        }

        @Test
        void shouldNotLetABasicAuthSenderReadTheStore() {
            client.get()
                    .uri(VesController.FCAPS)
                    .headers(basic("ves-agent", "ves-secret"))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
    }

    @Nested
    class RateLimit {

        @Test
        void shouldAnswer429WithRetryAfterAndApplyNothingWhenASourceExceedsItsBurst() {
            String source = source();
            // the test profile allows a burst of 40 events per source
            post(VesController.BATCH, batch(source, repeat("syslog", 30)), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();
            post(VesController.BATCH, batch(source, repeat("other", 30)), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isEqualTo(429)
                    .expectHeader()
                    .exists("Retry-After")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("RATE_LIMITED");

            assertThat(stored(source)).isEqualTo(30);
            // another source has its own bucket
            post(VesController.BATCH, batch(source(), repeat("other", 30)), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();
        }
    }

    @Nested
    class Query {

        @Test
        void shouldFilterBySourceDomainAndSeverityAndPage() {
            String source = source();
            post(VesController.BATCH, batch(source, DOMAINS), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();

            // 10 matches, counted up to the test profile's bound of 8: a lower bound, said so
            client.get()
                    .uri(VesController.FCAPS + "?source_name={s}&page_size=4&page=3", source)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(8)
                    .jsonPath("$.total_exact")
                    .isEqualTo(false)
                    .jsonPath("$.total_pages")
                    .isEqualTo(2)
                    .jsonPath("$.items.length()")
                    .isEqualTo(2)
                    .jsonPath("$.next_cursor")
                    .doesNotExist();
            client.get()
                    .uri(VesController.FCAPS + "?source_name={s}&domain=thresholdCrossingAlert", source)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1)
                    .jsonPath("$.total_exact")
                    .isEqualTo(true)
                    .jsonPath("$.items[0].severity")
                    .isEqualTo("MAJOR")
                    .jsonPath("$.items[0].event.thresholdCrossingAlertFields.alertType")
                    .isEqualTo("ELEMENT-ANOMALY");
            client.get()
                    .uri(VesController.FCAPS + "?source_name={s}&severity=critical", source)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1)
                    .jsonPath("$.items[0].domain")
                    .isEqualTo("fault");
            client.get()
                    .uri(VesController.FCAPS + "?source_name={s}&until=2020-01-01T00:00:00Z", source)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(0)
                    .jsonPath("$.total_exact")
                    .isEqualTo(true);
        }

        @Test
        void shouldWalkEveryEventOnceByCursorWhileNewerEventsArrive() {
            String source = source();
            post(VesController.BATCH, batch(source, DOMAINS), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();

            java.util.List<String> seen = new java.util.ArrayList<>();
            JsonNode page = page("?source_name=" + source + "&page_size=4");
            page.path("items").forEach(item -> seen.add(item.path("event_id").asString()));
            // a newer event must not shift the next pages, as it would with page numbers
            post(VesController.BATCH, batch(source, "syslog"), basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();
            int pages = 1;
            while (!page.path("next_cursor").isNull()
                    && !page.path("next_cursor").isMissingNode()) {
                page = page("?source_name=" + source + "&page_size=4&cursor="
                        + page.path("next_cursor").asString());
                page.path("items")
                        .forEach(item -> seen.add(item.path("event_id").asString()));
                pages++;
            }

            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(DOMAINS.length).doesNotHaveDuplicates();
            assertThat(seen).doesNotContain("syslog-0");
        }

        @Test
        void shouldRefuseACursorItDidNotWrite() {
            client.get()
                    .uri(VesController.FCAPS + "?cursor=bm90LWEtY3Vyc29y")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("cursor");
        }

        @Test
        void shouldRefuseAPageSizeAbove100() {
            client.get()
                    .uri(VesController.FCAPS + "?page_size=500")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }
    }

    @Nested
    class Heartbeats {

        @Test
        void shouldRaiseHeartbeatLostWhenThreeIntervalsPassWithoutOne() {
            String source = source();
            ObjectNode body = fixture("valid-heartbeat.json", source);
            ((ObjectNode) body.path("event").path("heartbeatFields")).put("heartbeatInterval", 1);
            post(VesController.EVENT, body, basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(jdbc.queryForList(
                                    "select event -> 'faultFields' ->> 'alarmCondition' from fcaps_event"
                                            + " where source_name = ? and domain = 'fault'",
                                    String.class,
                                    source))
                            .containsExactly(HeartbeatMonitor.ALARM));
            // the row commits with its outbox entry; the relay streams it a moment later
            JsonNode fault = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> streamed(source).stream()
                                    .filter(p -> p.path("domain").asString().equals("fault"))
                                    .findFirst()
                                    .orElse(null),
                            java.util.Objects::nonNull);
            assertThat(fault.path("severity").asString()).isEqualTo("CRITICAL");
        }

        @Test
        void shouldClearHeartbeatLostOnceWhenHeartbeatsComeBack() {
            String source = source();
            ObjectNode body = fixture("valid-heartbeat.json", source);
            ((ObjectNode) body.path("event").path("heartbeatFields")).put("heartbeatInterval", 1);
            post(VesController.EVENT, body, basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> severities(source).contains("CRITICAL"));
            assertThat(severities(source)).doesNotContain("NORMAL");

            for (int i = 1; i <= 2; i++) {
                ((ObjectNode) body.path("event").path("commonEventHeader")).put("eventId", "heartbeat-again-" + i);
                post(VesController.EVENT, body, basic("ves-agent", "ves-secret"))
                        .expectStatus()
                        .isAccepted();
            }

            // stored with the heartbeat that restored the source, in the same transaction; once
            assertThat(severities(source)).containsOnlyOnce("NORMAL");
            JsonNode clear = jdbc.query(
                            "select event::text from fcaps_event where source_name = ? and severity = 'NORMAL'",
                            (rs, row) -> json.readTree(rs.getString(1)),
                            source)
                    .get(0);
            assertThat(clear.path("faultFields").path("alarmCondition").asString())
                    .isEqualTo(HeartbeatMonitor.ALARM);
            assertThat(new VesSchema().validateEvent(clear, "event")).isEmpty();
            JsonNode streamed = awaitStreamed(
                    source, clear.path("commonEventHeader").path("eventId").asString());
            assertThat(streamed.path("severity").asString()).isEqualTo("NORMAL");
        }

        @Test
        void shouldNotRaiseHeartbeatLostWhileHeartbeatsArrive() {
            String source = source();
            ObjectNode body = fixture("valid-heartbeat.json", source);
            post(VesController.EVENT, body, basic("ves-agent", "ves-secret"))
                    .expectStatus()
                    .isAccepted();

            assertThat(jdbc.queryForObject(
                            "select lost_since is null from ves_heartbeat where source_name = ?",
                            Boolean.class,
                            source))
                    .isTrue();
        }

        @Test
        void shouldRaiseAFaultThatIsValidAgainstTheSchema() {
            JsonNode fault = HeartbeatMonitor.fault(
                    new FcapsEventStore.LostHeartbeat("gnb-1", 60, java.time.Instant.parse("2026-11-29T15:00:00Z")),
                    java.time.Instant.parse("2026-11-29T15:03:00Z"));

            assertThat(new VesSchema().validateEvent(fault, "event")).isEmpty();
        }
    }

    // helpers

    private RestTestClient.ResponseSpec post(String path, JsonNode body, Consumer<HttpHeaders> auth) {
        return client.post()
                .uri(path)
                .headers(auth)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body))
                .exchange();
    }

    static Consumer<HttpHeaders> basic(String user, String password) {
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return headers -> headers.set(HttpHeaders.AUTHORIZATION, "Basic " + encoded);
    }

    private static String source() {
        return "gnb-" + UUID.randomUUID();
    }

    private static String[] repeat(String domain, int n) {
        String[] domains = new String[n];
        java.util.Arrays.fill(domains, domain);
        return domains;
    }

    private ObjectNode fixture(String name, String source) {
        try (InputStream in = new ClassPathResource("fixtures/ves/" + name).getInputStream()) {
            ObjectNode body = (ObjectNode) json.readTree(in);
            ((ObjectNode) body.path("event").path("commonEventHeader")).put("sourceName", source);
            return body;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One event per domain given, each with its own eventId. */
    private ObjectNode batch(String source, String... domains) {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("eventList");
        for (int i = 0; i < domains.length; i++) {
            JsonNode event = fixture("valid-" + domains[i] + ".json", source).path("event");
            ((ObjectNode) event.path("commonEventHeader")).put("eventId", domains[i] + "-" + i);
            list.add(event);
        }
        return body;
    }

    /** eventSeverity of the source's stored fault events, oldest first. */
    private List<String> severities(String source) {
        return jdbc.queryForList(
                "select severity from fcaps_event where source_name = ? and domain = 'fault' order by id",
                String.class,
                source);
    }

    private JsonNode page(String query) {
        byte[] body = client.get()
                .uri(VesController.FCAPS + query)
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return json.readTree(body);
    }

    private long stored(String source) {
        return jdbc.queryForObject("select count(*) from fcaps_event where source_name = ?", Long.class, source);
    }

    private List<JsonNode> streamed(String source) {
        return redis.opsForStream().range(EventDomain.FCAPS.stream(), Range.unbounded()).stream()
                .map(record -> json.readTree(String.valueOf(record.getValue().get("envelope"))))
                .filter(envelope -> envelope.path("event_type").asString().equals("FCAPS_EVENT_RECEIVED"))
                .map(envelope -> envelope.path("payload"))
                .filter(payload -> payload.path("source_name").asString().equals(source))
                .toList();
    }

    /** The FCAPS stream entries (all fields, as strings) of {@code source}'s events. */
    private List<Map<String, String>> entries(String source) {
        return redis.opsForStream().range(EventDomain.FCAPS.stream(), Range.unbounded()).stream()
                .map(record -> {
                    Map<String, String> fields = new java.util.HashMap<>();
                    record.getValue().forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
                    return fields;
                })
                .filter(fields -> json.readTree(fields.get("envelope"))
                        .path("payload")
                        .path("source_name")
                        .asString()
                        .equals(source))
                .toList();
    }

    private JsonNode awaitStreamed(String source, String eventId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> streamed(source).stream()
                                .filter(p -> p.path("event_id").asString().equals(eventId))
                                .findFirst()
                                .orElse(null),
                        java.util.Objects::nonNull);
    }
}
