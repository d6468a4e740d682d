package dev.aiops.registry.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.aiops.registry.support.Fixtures.cluster;
import static dev.aiops.registry.support.Fixtures.outboxEnvelopes;
import static dev.aiops.registry.support.Fixtures.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.aiops.registry.support.Api;
import dev.aiops.registry.support.Api.Response;
import dev.aiops.registry.support.HangingServer;
import dev.aiops.registry.support.KubeApi;
import dev.aiops.registry.support.RegistryIntegrationTest;
import dev.aiops.testkit.PrometheusServer;
import dev.aiops.testkit.TcpProxy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Health checks end to end: the registry's own scheduler probing a WireMock API server, a real
 * Prometheus from the test kit and WireMock Tempo/Loki. HUB clusters run on a 1 s interval and 700 ms
 * timeout in the test profile.
 */
@RegistryIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthCheckTests {

    static final String TOKEN = "health-token-" + UUID.randomUUID();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Api api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HealthMaintenance maintenance;

    KubeApi kube;
    PrometheusServer prometheus;
    WireMockServer observability;
    WireMockServer slow;

    @BeforeAll
    void startServers() {
        kube = KubeApi.start(TOKEN);
        prometheus = PrometheusServer.start();
        observability = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        observability.start();
        observability.stubFor(get(urlPathEqualTo("/ready"))
                .willReturn(aResponse().withStatus(200).withBody("ready")));
        slow = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slow.start();
        slow.stubFor(get(urlPathEqualTo("/ready"))
                .willReturn(aResponse().withStatus(200).withBody("ready").withFixedDelay(3_000)));
    }

    @AfterAll
    void stopServers() {
        kube.close();
        prometheus.close();
        observability.stop();
        slow.stop();
    }

    UUID registerHub(String prometheusUrl, String tempoUrl, String lokiUrl) {
        return register("HUB", kube.url(), prometheusUrl, tempoUrl, lokiUrl);
    }

    UUID register(String type, String apiServerUrl, String prometheusUrl, String tempoUrl, String lokiUrl) {
        Map<String, Object> body = cluster(uniqueName("health"));
        body.put("cluster_type", type);
        body.put("api_server_url", apiServerUrl);
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("prometheus_url", prometheusUrl);
        endpoints.put("tempo_url", tempoUrl);
        endpoints.put("loki_url", lokiUrl);
        endpoints.values().removeIf(v -> v == null);
        body.put("endpoints", endpoints);
        body.put("credentials", Map.of("auth_type", "SERVICE_ACCOUNT", "token", TOKEN));
        Response response = api.as("operator").post("/api/v1/clusters", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.body().get("id").asString());
    }

    JsonNode status(UUID id) {
        return api.as("viewer").get("/api/v1/clusters/" + id + "/status").body();
    }

    JsonNode awaitState(UUID id, String state) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(status(id).get("state").asString()));
        return status(id);
    }

    List<String> transitions(UUID id) {
        List<String> transitions = new ArrayList<>();
        for (String envelope : outboxEnvelopes(jdbc, id, "CLUSTER_STATUS_CHANGED")) {
            JsonNode payload = api.json().readTree(envelope).get("payload");
            transitions.add(payload.get("old_state").asString() + "->"
                    + payload.get("new_state").asString());
        }
        return transitions;
    }

    @Nested
    class Scoring {

        @Test
        void shouldGoOnlineWithFullScoreWhenEveryComponentAnswers() {
            UUID id = registerHub(prometheus.url().toString(), observability.baseUrl(), observability.baseUrl());

            JsonNode status = awaitState(id, "ONLINE");

            assertThat(status.get("health_score").asInt()).isEqualTo(100);
            assertThat(status.get("api_server_healthy").asBoolean()).isTrue();
            assertThat(status.get("prometheus_healthy").asBoolean()).isTrue();
            assertThat(status.get("tempo_healthy").asBoolean()).isTrue();
            assertThat(status.get("loki_healthy").asBoolean()).isTrue();
            assertThat(status.get("connectivity").asString()).isEqualTo("CONNECTED");
            assertThat(status.get("history")).isNotEmpty();
            assertThat(transitions(id)).startsWith("UNKNOWN->ONLINE");
            JsonNode event = api.json()
                    .readTree(
                            outboxEnvelopes(jdbc, id, "CLUSTER_STATUS_CHANGED").get(0))
                    .get("payload");
            assertThat(event.get("health_score").asInt()).isEqualTo(100);
            assertThat(event.get("reason").asString()).isNotBlank();
            assertThat(api.as("viewer")
                            .get("/api/v1/clusters/" + id)
                            .body()
                            .get("last_seen_at")
                            .isNull())
                    .isFalse();
        }

        @Test
        void shouldNotScoreComponentsTheClusterDoesNotHave() {
            UUID id = registerHub(null, null, null);

            JsonNode status = awaitState(id, "ONLINE");

            assertThat(status.get("health_score").asInt()).isEqualTo(100);
            assertThat(status.get("prometheus_healthy").isNull()).isTrue();
            assertThat(status.get("tempo_healthy").isNull()).isTrue();
        }
    }

    @Nested
    class FailingEndpoints {

        @Test
        void shouldDegradeWhenPrometheusDiesAndRecoverWhenItComesBack() {
            try (TcpProxy proxy = TcpProxy.to(prometheus.port())) {
                UUID id = registerHub(proxy.url(), null, null);
                awaitState(id, "ONLINE");

                proxy.down();
                JsonNode degraded = awaitState(id, "DEGRADED");
                assertThat(degraded.get("prometheus_healthy").asBoolean()).isFalse();
                assertThat(degraded.get("health_score").asInt()).isEqualTo(80);
                assertThat(degraded.get("last_error").asString()).contains("prometheus");

                proxy.up();
                JsonNode back = awaitState(id, "ONLINE");
                assertThat(back.get("health_score").asInt()).isEqualTo(100);
                assertThat(transitions(id))
                        .containsSubsequence("UNKNOWN->ONLINE", "ONLINE->DEGRADED", "DEGRADED->ONLINE");
            }
        }

        @Test
        void shouldTimeOutAndDegradeWhenTempoIsSlow() {
            UUID id = registerHub(prometheus.url().toString(), slow.baseUrl(), null);

            JsonNode degraded = awaitState(id, "DEGRADED");

            assertThat(degraded.get("tempo_healthy").asBoolean()).isFalse();
            assertThat(degraded.get("health_score").asInt()).isEqualTo(85);
            assertThat(degraded.get("last_error").asString()).contains("tempo", "timed out");
            // strict reading of the contract: the first failing check goes UNKNOWN -> OFFLINE, then OFFLINE ->
            // DEGRADED because the API server answers
            assertThat(transitions(id)).containsSubsequence("UNKNOWN->OFFLINE", "OFFLINE->DEGRADED");
        }

        @Test
        void shouldGoOfflineAndThenUnknownWhenApiServerStaysDead() {
            UUID id = register("HUB", "http://127.0.0.1:1", null, null, null);

            JsonNode offline = awaitState(id, "OFFLINE");
            assertThat(offline.get("health_score").asInt()).isEqualTo(50);
            assertThat(offline.get("api_server_healthy").asBoolean()).isFalse();
            assertThat(offline.get("connectivity").asString()).isEqualTo("DISCONNECTED");
            assertThat(offline.get("last_error").asString()).contains("connection refused");

            awaitState(id, "UNKNOWN");
            assertThat(transitions(id)).containsSubsequence("UNKNOWN->OFFLINE", "OFFLINE->UNKNOWN");
            JsonNode last = api.json()
                    .readTree(outboxEnvelopes(jdbc, id, "CLUSTER_STATUS_CHANGED")
                            .get(transitions(id).size() - 1))
                    .get("payload");
            assertThat(last.get("reason").asString()).contains("not heard from");
        }

        @Test
        void shouldKeepCheckingHealthyClustersWhileManyOthersHang() {
            try (HangingServer hanging = new HangingServer()) {
                List<UUID> stuck = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    stuck.add(register("HUB", hanging.url(), hanging.url(), hanging.url(), hanging.url()));
                }
                UUID healthy = registerHub(prometheus.url().toString(), observability.baseUrl(), null);

                awaitState(healthy, "ONLINE");
                long before = historyCount(healthy);
                await().atMost(PATIENCE).until(() -> historyCount(healthy) >= before + 5);

                assertThat(hanging.connectionsAccepted()).isGreaterThanOrEqualTo(40);
                for (UUID id : stuck) {
                    // OFFLINE after the first timeout, UNKNOWN once silent for five intervals
                    await().atMost(PATIENCE)
                            .until(() -> List.of("OFFLINE", "UNKNOWN")
                                    .contains(status(id).get("state").asString()));
                    JsonNode status = status(id);
                    assertThat(status.get("last_error").asString()).contains("timed out");
                    assertThat(status.get("health_score").asInt()).isZero();
                }
                assertThat(status(healthy).get("state").asString()).isEqualTo("ONLINE");
            }
        }

        @Test
        void shouldRefuseTheCallWhenAStoredUrlNowPointsAtAForbiddenAddress() {
            UUID id = register("HUB", kube.url(), null, null, null);
            awaitState(id, "ONLINE");
            // as if the stored address had been re-pointed: the guard must catch it at call time
            jdbc.update("update cluster set prometheus_url = 'http://169.254.169.254' where id = ?", id);

            JsonNode degraded = awaitState(id, "DEGRADED");

            assertThat(degraded.get("prometheus_healthy").asBoolean()).isFalse();
            assertThat(degraded.get("last_error").asString()).contains("outbound call refused");
        }

        long historyCount(UUID id) {
            return jdbc.queryForObject("select count(*) from health_check where cluster_id = ?", Long.class, id);
        }
    }

    @Nested
    class OnDemand {

        @Test
        void shouldCheckImmediatelyWhenRefreshed() {
            UUID id = register("FAR_EDGE", kube.url(), null, null, null);
            JsonNode first = awaitState(id, "ONLINE");
            Instant firstChecked = Instant.parse(first.get("last_checked_at").asString());

            Response refreshed = api.as("operator").post("/api/v1/clusters/" + id + "/refresh", null);

            assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
            assertThat(Instant.parse(refreshed.body().get("last_checked_at").asString()))
                    .isAfter(firstChecked);
            assertThat(refreshed.body().get("state").asString()).isEqualTo("ONLINE");
            // FAR_EDGE checks every 120 s: only the refresh can have produced the second check this soon
            assertThat(jdbc.queryForObject("select count(*) from health_check where cluster_id = ?", Long.class, id))
                    .isGreaterThanOrEqualTo(2);
        }

        @Test
        void shouldForbidRefreshWhenCallerIsViewer() {
            UUID id = register("SPOKE", "http://127.0.0.1:1", null, null, null);

            assertThat(api.as("viewer")
                            .post("/api/v1/clusters/" + id + "/refresh", null)
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void shouldPageHistoryWhenAsked() {
            UUID id = registerHub(null, null, null);
            await().atMost(PATIENCE)
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from health_check where cluster_id = ?", Long.class, id)
                            >= 3);

            JsonNode page = api.as("viewer")
                    .get("/api/v1/clusters/" + id + "/status/history?page_size=2")
                    .body();

            assertThat(page.get("items")).hasSize(2);
            assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(api.as("viewer")
                            .get("/api/v1/clusters/" + UUID.randomUUID() + "/status")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class Retention {

        @Test
        void shouldPurgeHistoryOlderThanSevenDaysWhenMaintenanceRuns() {
            UUID id = register("FAR_EDGE", "http://127.0.0.1:1", null, null, null);
            Instant old = Instant.now().minus(8, ChronoUnit.DAYS);
            Instant recent = Instant.now().minus(6, ChronoUnit.DAYS);
            for (Instant at : List.of(old, recent)) {
                jdbc.update(
                        "insert into health_check (cluster_id, checked_at, state, health_score, duration_ms)"
                                + " values (?, ?, 'ONLINE', 100, 5)",
                        id,
                        Timestamp.from(at));
            }

            maintenance.purgeHistory();

            List<Timestamp> left = jdbc.queryForList(
                    "select checked_at from health_check where cluster_id = ? and checked_at < now() - interval '1 day'",
                    Timestamp.class,
                    id);
            assertThat(left).hasSize(1);
            assertThat(left.get(0).toInstant())
                    .isCloseTo(recent, org.assertj.core.api.Assertions.within(1, ChronoUnit.SECONDS));
        }

        @Test
        void shouldMarkClustersNobodyCheckedAsUnknownWhenSilentTooLong() {
            UUID id = register("HUB", kube.url(), null, null, null);
            awaitState(id, "ONLINE");
            // as if every checker had died 10 s ago: the lease is held and nothing was checked since
            jdbc.update(
                    "update cluster set check_owner = 'dead-replica', check_lease_until = now() + interval '1 hour',"
                            + " last_checked_at = now() - interval '10 seconds' where id = ?",
                    id);
            jdbc.update("update cluster set check_lease_until = now() - interval '1 second' where id = ?", id);
            jdbc.update("update cluster set next_check_at = now() + interval '1 hour' where id = ?", id);

            maintenance.markSilentClusters();

            assertThat(status(id).get("state").asString()).isEqualTo("UNKNOWN");
            assertThat(transitions(id)).contains("ONLINE->UNKNOWN");
        }
    }
}
