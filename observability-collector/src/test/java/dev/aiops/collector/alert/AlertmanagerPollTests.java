package dev.aiops.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.FreePorts;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

class AlertmanagerPollTests extends FederationIntegrationTest {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldLeaveFiringAlertsAloneWhenTheClustersAlertmanagerCannotBeRead() {
        String cluster = "am-unreachable-" + UUID.randomUUID().toString().substring(0, 6);
        // a port nothing listens on: every poll of this cluster fails
        UUID clusterId = FIXTURE.register(
                tokens.token("operator"),
                cluster,
                FIXTURE.fleet().prometheus(FIXTURE.alpha()).url().toString(),
                "http://127.0.0.1:" + FreePorts.find());
        String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        client.post()
                .uri("/api/v1/alerts/webhook?cluster={c}", cluster)
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"receiver": "aiops", "status": "firing", "version": "4", "groupKey": "{}", "truncatedAlerts": 0,
                         "alerts": [{"status": "firing", "labels": {"alertname": "NodeDown"}, "annotations": {},
                           "startsAt": "2026-01-15T09:41:02.117Z", "endsAt": "0001-01-01T00:00:00Z",
                           "fingerprint": "%s"}]}
                        """.formatted(fingerprint))
                .exchange()
                .expectStatus()
                .isOk();

        // the poll runs every second: over several failed rounds the alert must stay firing
        Awaitility.await("the alert stays FIRING while its Alertmanager is unreachable")
                .during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.queryForObject(
                                "select state from alert where cluster_id = ? and fingerprint = ?",
                                String.class,
                                clusterId,
                                fingerprint),
                        "FIRING"::equals);
        assertThat(jdbc.queryForList(
                        "select event_type from outbox_event where aggregate_id = ?", String.class, fingerprint))
                .containsExactly("ALERT_FIRED");
    }
}
