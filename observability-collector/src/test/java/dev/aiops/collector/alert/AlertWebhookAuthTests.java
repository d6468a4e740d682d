package dev.aiops.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The webhook's per-cluster credentials (application-test.yml: cluster {@code am-hook-auth} has a basic-auth
 * pair and a bearer token), against clusters registered in the real cluster-registry.
 */
class AlertWebhookAuthTests extends FederationIntegrationTest {

    static final String CLUSTER = "am-hook-auth";
    static final String OPEN_CLUSTER = "am-hook-open";

    private static UUID clusterId;

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void registerClusters() {
        synchronized (AlertWebhookAuthTests.class) {
            if (clusterId == null) {
                FIXTURE.registerClusters(tokens.token("operator"));
                String prometheus =
                        FIXTURE.fleet().prometheus(FIXTURE.alpha()).url().toString();
                clusterId = FIXTURE.register(tokens.token("operator"), CLUSTER, prometheus);
                FIXTURE.register(tokens.token("operator"), OPEN_CLUSTER, prometheus);
            }
        }
    }

    @Test
    void shouldAcceptTheClustersBasicCredentialsAndAttributeTheAlertsToIt() {
        String fingerprint = fingerprint();
        post("?cluster=" + CLUSTER, basic("alertmanager", "hook-secret"), alert(fingerprint, ""))
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"received\": 1, \"fired\": 1}");

        assertThat(jdbc.queryForMap(
                        "select cluster_id::text as id, cluster_name from alert where fingerprint = ?", fingerprint))
                .containsEntry("id", clusterId.toString())
                .containsEntry("cluster_name", CLUSTER);
    }

    @Test
    void shouldAcceptTheClustersBearerTokenAndTheClusterIdInPlaceOfItsName() {
        String fingerprint = fingerprint();
        post("?cluster=" + clusterId, "Bearer hook-token", alert(fingerprint, ""))
                .expectStatus()
                .isOk();
        post("?cluster=" + CLUSTER, "Bearer hook-token", alert(fingerprint(), ""))
                .expectStatus()
                .isOk();

        assertThat(jdbc.queryForObject(
                        "select cluster_name from alert where fingerprint = ?", String.class, fingerprint))
                .isEqualTo(CLUSTER);
    }

    @Test
    void shouldAnswer401WhenTheClustersCredentialsAreWrongOrMissing() {
        String fingerprint = fingerprint();
        post("?cluster=" + CLUSTER, basic("alertmanager", "wrong"), alert(fingerprint, ""))
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
        post("?cluster=" + CLUSTER, basic("someone-else", "hook-secret"), alert(fingerprint, ""))
                .expectStatus()
                .isUnauthorized();
        post("?cluster=" + CLUSTER, null, alert(fingerprint, "")).expectStatus().isUnauthorized();
        post("?cluster=" + CLUSTER, "Bearer not-the-token", alert(fingerprint, ""))
                .expectStatus()
                .isUnauthorized();
        // another cluster's credentials do not open this one
        post("?cluster=" + CLUSTER, basic("alertmanager", "real-secret"), alert(fingerprint, ""))
                .expectStatus()
                .isUnauthorized();

        assertThat(jdbc.queryForObject("select count(*) from alert where fingerprint = ?", Integer.class, fingerprint))
                .isZero();
    }

    @Test
    void shouldStillAcceptAnOperatorsPlatformTokenButNotAViewersOne() {
        post("?cluster=" + CLUSTER, "Bearer " + tokens.token("operator"), alert(fingerprint(), ""))
                .expectStatus()
                .isOk();
        post("?cluster=" + CLUSTER, "Bearer " + tokens.token("viewer"), alert(fingerprint(), ""))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void shouldNotAcceptBasicCredentialsForAClusterWithoutConfiguredCredentials() {
        post("?cluster=" + OPEN_CLUSTER, basic("alertmanager", "hook-secret"), alert(fingerprint(), ""))
                .expectStatus()
                .isUnauthorized();
        post("?cluster=" + OPEN_CLUSTER, "Bearer " + tokens.token("operator"), alert(fingerprint(), ""))
                .expectStatus()
                .isOk();
    }

    @Test
    void shouldRejectAnAlertLabelledWithAnotherClusterNamingTheField() {
        String fingerprint = fingerprint();
        post(
                        "?cluster=" + CLUSTER,
                        basic("alertmanager", "hook-secret"),
                        alert(fingerprint, "\"cluster_id\": \"" + UUID.randomUUID() + "\","))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("alerts[0].labels.cluster_id");
        assertThat(jdbc.queryForObject("select count(*) from alert where fingerprint = ?", Integer.class, fingerprint))
                .isZero();
    }

    @Test
    void shouldRejectAnUnknownClusterNamingTheParameter() {
        post("?cluster=no-such-cluster", "Bearer " + tokens.token("operator"), alert(fingerprint(), ""))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("cluster");
    }

    private RestTestClient.ResponseSpec post(String query, String authorization, String body) {
        return client.post()
                .uri("/api/v1/alerts/webhook" + query)
                .headers(h -> {
                    if (authorization != null) {
                        h.set("Authorization", authorization);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String alert(String fingerprint, String extraLabels) {
        return """
                {"receiver": "aiops", "status": "firing", "version": "4", "groupKey": "{}", "truncatedAlerts": 0,
                 "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://am",
                 "alerts": [{"status": "firing",
                   "labels": {%s "alertname": "NodeDown", "severity": "critical", "node": "worker-1"},
                   "annotations": {}, "startsAt": "2026-01-15T09:41:02.117Z", "endsAt": "0001-01-01T00:00:00Z",
                   "generatorURL": "http://prometheus/graph", "fingerprint": "%s"}]}
                """.formatted(extraLabels, fingerprint);
    }
}
