package dev.aiops.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.support.CollectorIntegrationTest;
import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.test.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@CollectorIntegrationTest
class AlertApiTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Nested
    class Webhook {

        @Test
        void shouldStoreAlertsAndEmitAlertFiredWhenAlertsStartFiring() {
            String critical = fingerprint();
            String unlabelled = fingerprint();
            UUID cluster = UUID.randomUUID();

            postWebhook(
                            alert("firing", critical, "\"severity\": \"critical\",", cluster),
                            alert("firing", unlabelled, "", cluster))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("{\"received\": 2, \"fired\": 2, \"resolved\": 0}");

            assertThat(eventTypes(critical)).containsExactly("ALERT_FIRED");
            assertThat(eventTypes(unlabelled)).containsExactly("ALERT_FIRED");
            client.get()
                    .uri("/api/v1/alerts/{fingerprint}", unlabelled)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.state")
                    .isEqualTo("FIRING")
                    .jsonPath("$.severity")
                    .isEqualTo("WARNING")
                    .jsonPath("$.cluster_id")
                    .isEqualTo(cluster.toString())
                    .jsonPath("$.cluster_name")
                    .isEqualTo("edge-paris-01")
                    .jsonPath("$.alertname")
                    .isEqualTo("KubePodCrashLooping")
                    .jsonPath("$.ends_at")
                    .doesNotExist();
        }

        @Test
        void shouldEmitAlertResolvedOnlyWhenTheStateChanges() {
            String fingerprint = fingerprint();
            UUID cluster = UUID.randomUUID();

            postWebhook(alert("firing", fingerprint, "", cluster))
                    .expectStatus()
                    .isOk();
            postWebhook(alert("firing", fingerprint, "", cluster))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("{\"received\": 1, \"fired\": 0, \"resolved\": 0}");
            postWebhook(alert("resolved", fingerprint, "", cluster))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("{\"received\": 1, \"fired\": 0, \"resolved\": 1}");

            assertThat(eventTypes(fingerprint)).containsExactly("ALERT_FIRED", "ALERT_RESOLVED");
            client.get()
                    .uri("/api/v1/alerts/{fingerprint}", fingerprint)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.state")
                    .isEqualTo("RESOLVED")
                    .jsonPath("$.ends_at")
                    .isEqualTo("2026-01-15T09:58:02.117Z");
        }

        @Test
        void shouldPublishTheEventToTheAlertStreamWhenTheOutboxRelays() {
            String fingerprint = fingerprint();
            postWebhook(alert("firing", fingerprint, "", UUID.randomUUID()))
                    .expectStatus()
                    .isOk();

            Awaitility.await("ALERT_FIRED for " + fingerprint + " on the alert stream")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> redis.opsForStream().range(EventDomain.ALERT.stream(), Range.unbounded()).stream()
                            .anyMatch(record -> String.valueOf(record.getValue().get("envelope"))
                                    .contains(fingerprint)));
        }

        @Test
        void shouldRejectTheWholePayloadNamingTheFieldWhenAnAlertStatusIsUnknown() {
            String good = fingerprint();
            String bad = fingerprint();

            postWebhook(alert("firing", good, "", null), alert("exploded", bad, "", null))
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("alerts[1].status");

            assertThat(jdbc.queryForObject(
                            "select count(*) from alert where fingerprint in (?, ?)", Integer.class, good, bad))
                    .isZero();
            assertThat(eventTypes(good)).isEmpty();
        }

        @Test
        void shouldReturnProblem403WhenViewerPostsWebhook() {
            client.post()
                    .uri("/api/v1/alerts/webhook")
                    .headers(tokens.as("viewer"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(webhook(alert("firing", fingerprint(), "", null)))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("FORBIDDEN");
        }
    }

    @Nested
    class Listing {

        @Test
        void shouldFilterByStateSeverityAndClusterWhenListing() {
            UUID cluster = UUID.randomUUID();
            String criticalFiring = fingerprint();
            postWebhook(
                            alert("firing", criticalFiring, "\"severity\": \"critical\",", cluster),
                            alert("firing", fingerprint(), "\"severity\": \"info\",", cluster),
                            alert("resolved", fingerprint(), "\"severity\": \"critical\",", cluster),
                            alert("firing", fingerprint(), "\"severity\": \"critical\",", UUID.randomUUID()))
                    .expectStatus()
                    .isOk();

            client.get()
                    .uri("/api/v1/alerts?state=FIRING&severity=CRITICAL&cluster_id={cluster}", cluster)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1)
                    .jsonPath("$.items[0].fingerprint")
                    .isEqualTo(criticalFiring)
                    .jsonPath("$.page")
                    .isEqualTo(1)
                    .jsonPath("$.page_size")
                    .isEqualTo(20)
                    .jsonPath("$.total_pages")
                    .isEqualTo(1);
        }

        @Test
        void shouldPageThroughAlertsWhenThereAreMoreThanOnePage() {
            UUID cluster = UUID.randomUUID();
            postWebhook(
                            alert("firing", fingerprint(), "", cluster),
                            alert("firing", fingerprint(), "", cluster),
                            alert("firing", fingerprint(), "", cluster))
                    .expectStatus()
                    .isOk();

            client.get()
                    .uri("/api/v1/alerts?cluster_id={cluster}&page=2&page_size=2", cluster)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(3)
                    .jsonPath("$.total_pages")
                    .isEqualTo(2)
                    .jsonPath("$.items.length()")
                    .isEqualTo(1);
        }

        @Test
        void shouldRejectPageSizeAboveTheLimitNamingTheParameter() {
            client.get()
                    .uri("/api/v1/alerts?page_size=101")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("page_size");
        }
    }

    @Nested
    class HistoryAndMatchers {

        @Test
        void shouldRecordFiringThenResolvedInTheHistoryNewestFirst() {
            String fingerprint = fingerprint();
            UUID cluster = UUID.randomUUID();
            postWebhook(alert("firing", fingerprint, "", cluster))
                    .expectStatus()
                    .isOk();
            postWebhook(alert("firing", fingerprint, "", cluster))
                    .expectStatus()
                    .isOk();
            postWebhook(alert("resolved", fingerprint, "", cluster))
                    .expectStatus()
                    .isOk();

            client.get()
                    .uri("/api/v1/alerts/history?fingerprint={f}", fingerprint)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(2)
                    .jsonPath("$.items[0].state")
                    .isEqualTo("RESOLVED")
                    .jsonPath("$.items[0].ends_at")
                    .isEqualTo("2026-01-15T09:58:02.117Z")
                    .jsonPath("$.items[1].state")
                    .isEqualTo("FIRING")
                    .jsonPath("$.items[1].cluster_id")
                    .isEqualTo(cluster.toString());
        }

        @Test
        void shouldPageTheHistoryOfACluster() {
            UUID cluster = UUID.randomUUID();
            postWebhook(
                            alert("firing", fingerprint(), "", cluster),
                            alert("firing", fingerprint(), "", cluster),
                            alert("firing", fingerprint(), "", cluster))
                    .expectStatus()
                    .isOk();

            client.get()
                    .uri("/api/v1/alerts/history?cluster_id={c}&page=2&page_size=2", cluster)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(3)
                    .jsonPath("$.items.length()")
                    .isEqualTo(1);
        }

        @Test
        void shouldFilterByAlertnameAndLabelMatchers() {
            UUID cluster = UUID.randomUUID();
            String critical = fingerprint();
            postWebhook(
                            alert("firing", critical, "\"severity\": \"critical\",", cluster),
                            alert("firing", fingerprint(), "\"severity\": \"info\",", cluster))
                    .expectStatus()
                    .isOk();

            client.get()
                    .uri(
                            "/api/v1/alerts?cluster_id={c}&alertname=KubePodCrashLooping&label=severity=critical"
                                    + "&label=namespace=cnf-upf",
                            cluster)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1)
                    .jsonPath("$.items[0].fingerprint")
                    .isEqualTo(critical);
            client.get()
                    .uri("/api/v1/alerts?cluster_id={c}&label=severity!=critical", cluster)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1);
            client.get()
                    .uri("/api/v1/alerts?cluster_id={c}&alertname=SomethingElse", cluster)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(0);
        }

        @Test
        void shouldFilterByRegularExpressionMatchersAnchoredAsPrometheusDoes() {
            UUID cluster = UUID.randomUUID();
            String upf0 = fingerprint();
            String upf1 = fingerprint();
            String smf0 = fingerprint();
            postWebhook(
                            alert("firing", upf0, "\"instance\": \"upf-0\",", cluster),
                            alert("firing", upf1, "\"instance\": \"upf-1\", \"team\": \"core\",", cluster),
                            alert("firing", smf0, "\"instance\": \"smf-0\", \"team\": \"ran\",", cluster))
                    .expectStatus()
                    .isOk();

            assertLabelMatch(cluster, "instance=~\"upf-.*\"", upf0, upf1);
            assertLabelMatch(cluster, "instance=~upf-.*", upf0, upf1);
            // anchored at both ends: "upf" alone matches no whole value, "pf-0" no prefix
            assertLabelMatch(cluster, "instance=~\"upf\"");
            assertLabelMatch(cluster, "instance=~\"pf-0\"");
            assertLabelMatch(cluster, "instance!~\"upf-.*\"", smf0);
            assertLabelMatch(cluster, "instance!=\"smf-0\"", upf0, upf1);
            assertLabelMatch(cluster, "instance=\"smf-0\"", smf0);
            assertLabelMatch(cluster, "instance=~\"(?i)UPF-[0-9]+\"", upf0, upf1);
            assertLabelMatch(cluster, "instance=~\"(?P<nf>upf|smf)-0\\\\b\"", upf0, smf0);
            assertLabelMatch(cluster, "instance=~\"[[:alpha:]]+-\\\\d\"", upf0, upf1, smf0);
            // a missing label is the empty value, as in PromQL
            assertLabelMatch(cluster, "team=~\"|core\"", upf0, upf1);
            assertLabelMatch(cluster, "team!~\".+\"", upf0);
            assertLabelMatch(cluster, "team=~\"co.*\"", upf1);
            client.get()
                    .uri(
                            "/api/v1/alerts/history?cluster_id={c}&label={m}&label={n}",
                            cluster,
                            "instance=~\"upf-.*\"",
                            "team!~\"core\"")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1)
                    .jsonPath("$.items[0].fingerprint")
                    .isEqualTo(upf0);
        }

        @Test
        void shouldRejectARegularExpressionPrometheusWouldRejectNamingTheParameter() {
            for (String bad : List.of(
                    "instance=~\"upf-(\"",
                    "instance!~\"(a)\\\\1\"",
                    "instance=~\"(?=upf)\"",
                    "instance=~\"\\\\pL+\"",
                    "instance=~\"unterminated",
                    "instance=~\"a\" trailing")) {
                client.get()
                        .uri("/api/v1/alerts?label={m}", bad)
                        .headers(tokens.as("viewer"))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.errors[0].field")
                        .isEqualTo("label");
            }
        }

        private void assertLabelMatch(UUID cluster, String matcher, String... fingerprints) {
            client.get()
                    .uri("/api/v1/alerts?cluster_id={c}&label={m}&page_size=10", cluster, matcher)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(fingerprints.length)
                    .jsonPath("$.items[*].fingerprint")
                    .value(found -> assertThat(((List<?>) found).stream().map(String::valueOf))
                            .as(matcher)
                            .containsExactlyInAnyOrder(fingerprints));
        }

        @Test
        void shouldRejectALabelParameterThatIsNotAMatcher() {
            client.get()
                    .uri("/api/v1/alerts?label=no-operator")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("label");
        }
    }

    @Nested
    class Identity {

        @Test
        void shouldKeepOneAlertPerClusterWhenTwoClustersShareAFingerprint() {
            String fingerprint = fingerprint();
            UUID paris = UUID.randomUUID();
            UUID lyon = UUID.randomUUID();

            postWebhook(alert("firing", fingerprint, "", paris), alert("firing", fingerprint, "", lyon))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("{\"received\": 2, \"fired\": 2, \"resolved\": 0}");
            postWebhook(alert("resolved", fingerprint, "", lyon)).expectStatus().isOk();

            assertThat(jdbc.queryForObject(
                            "select count(*) from alert where fingerprint = ?", Integer.class, fingerprint))
                    .isEqualTo(2);
            assertThat(eventTypes(fingerprint)).containsExactly("ALERT_FIRED", "ALERT_FIRED", "ALERT_RESOLVED");
            client.get()
                    .uri("/api/v1/alerts/{f}", fingerprint)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("CONFLICT");
            client.get()
                    .uri("/api/v1/alerts/{f}?cluster_id={c}", fingerprint, paris)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.cluster_id")
                    .isEqualTo(paris.toString())
                    .jsonPath("$.state")
                    .isEqualTo("FIRING");
            client.get()
                    .uri("/api/v1/alerts/{f}?cluster_id={c}", fingerprint, lyon)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.state")
                    .isEqualTo("RESOLVED");
        }

        @Test
        void shouldStoreOneRowAndOneEventWhenAnHaPairDeliversTheSameAlertAtOnce() throws Exception {
            String fingerprint = fingerprint();
            UUID cluster = UUID.randomUUID();
            String payload = webhook(alert("firing", fingerprint, "", cluster));
            int deliveries = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(deliveries);
            try {
                List<CompletableFuture<Integer>> statuses = new java.util.ArrayList<>();
                for (int i = 0; i < deliveries; i++) {
                    statuses.add(CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    start.await(10, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return client.post()
                                        .uri("/api/v1/alerts/webhook")
                                        .headers(tokens.as("operator"))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .body(payload)
                                        .exchange()
                                        .returnResult(String.class)
                                        .getStatus()
                                        .value();
                            },
                            pool));
                }
                start.countDown();
                for (CompletableFuture<Integer> status : statuses) {
                    assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(jdbc.queryForObject(
                            "select count(*) from alert where fingerprint = ?", Integer.class, fingerprint))
                    .isEqualTo(1);
            assertThat(eventTypes(fingerprint)).containsExactly("ALERT_FIRED");
            assertThat(jdbc.queryForObject(
                            "select count(*) from alert_history where fingerprint = ?", Integer.class, fingerprint))
                    .isEqualTo(1);
        }

        @Test
        void shouldIgnoreANotificationAboutAnOlderEpisode() {
            String fingerprint = fingerprint();
            UUID cluster = UUID.randomUUID();
            postWebhook(alert("firing", fingerprint, "", cluster, "edge-paris-01", "2026-01-15T10:00:00Z"))
                    .expectStatus()
                    .isOk();
            // a late "resolved" of the episode that started at 09:41, delivered after the 10:00 firing
            postWebhook(alert("resolved", fingerprint, "", cluster))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("{\"received\": 1, \"fired\": 0, \"resolved\": 0}");

            assertThat(eventTypes(fingerprint)).containsExactly("ALERT_FIRED");
            assertThat(jdbc.queryForObject("select state from alert where fingerprint = ?", String.class, fingerprint))
                    .isEqualTo("FIRING");
        }

        @Test
        void shouldRecordANewFiringWhenTheAlertFiresAgainWithANewStart() {
            String fingerprint = fingerprint();
            UUID cluster = UUID.randomUUID();
            postWebhook(alert("firing", fingerprint, "", cluster))
                    .expectStatus()
                    .isOk();
            postWebhook(alert("firing", fingerprint, "", cluster, "edge-paris-01", "2026-01-15T11:00:00Z"))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("{\"received\": 1, \"fired\": 1, \"resolved\": 0}");

            assertThat(eventTypes(fingerprint)).containsExactly("ALERT_FIRED", "ALERT_FIRED");
            assertThat(jdbc.queryForList(
                            "select starts_at::text from alert_history where fingerprint = ? order by id",
                            String.class,
                            fingerprint))
                    .hasSize(2)
                    .doesNotHaveDuplicates();
        }
    }

    @Nested
    class MoreFilters {

        @Test
        void shouldFilterTheListByClusterName() {
            String name = "edge-" + fingerprint();
            String mine = fingerprint();
            postWebhook(
                            alert("firing", mine, "", UUID.randomUUID(), name, "2026-01-15T09:41:02.117Z"),
                            alert("firing", fingerprint(), "", UUID.randomUUID()))
                    .expectStatus()
                    .isOk();

            client.get()
                    .uri("/api/v1/alerts?cluster={n}", name)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1)
                    .jsonPath("$.items[0].fingerprint")
                    .isEqualTo(mine)
                    .jsonPath("$.items[0].cluster_name")
                    .isEqualTo(name);
        }

        @Test
        void shouldFilterTheHistoryByStateSeverityAlertnameClusterAndLabels() {
            UUID cluster = UUID.randomUUID();
            String critical = fingerprint();
            String info = fingerprint();
            postWebhook(
                            alert("firing", critical, "\"severity\": \"critical\", \"team\": \"net\",", cluster),
                            alert("firing", info, "\"severity\": \"info\", \"team\": \"ran\",", cluster))
                    .expectStatus()
                    .isOk();
            postWebhook(alert("resolved", critical, "\"severity\": \"critical\", \"team\": \"net\",", cluster))
                    .expectStatus()
                    .isOk();

            assertHistory("cluster_id=" + cluster, 3);
            assertHistory("cluster_id=" + cluster + "&state=RESOLVED", 1);
            assertHistory("cluster_id=" + cluster + "&severity=INFO", 1);
            assertHistory("cluster_id=" + cluster + "&label=team=net", 2);
            assertHistory("cluster_id=" + cluster + "&label=team!=net", 1);
            assertHistory("cluster_id=" + cluster + "&label=team=net&state=FIRING", 1);
            assertHistory("cluster_id=" + cluster + "&alertname=KubePodCrashLooping", 3);
            assertHistory("cluster_id=" + cluster + "&alertname=Other", 0);
            assertHistory("cluster=edge-paris-01&cluster_id=" + cluster + "&fingerprint=" + info, 1);
            client.get()
                    .uri("/api/v1/alerts?cluster_id={c}&label=team=net&state=RESOLVED", cluster)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(1)
                    .jsonPath("$.items[0].fingerprint")
                    .isEqualTo(critical);
        }

        @Test
        void shouldRejectAnUnknownStateNamingTheParameter() {
            client.get()
                    .uri("/api/v1/alerts?state=EXPLODED")
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("state");
        }

        private void assertHistory(String query, int total) {
            client.get()
                    .uri("/api/v1/alerts/history?" + query)
                    .headers(tokens.as("viewer"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.total")
                    .isEqualTo(total);
        }
    }

    @Test
    void shouldReturnAlertNotFoundProblemWhenFingerprintIsUnknown() {
        client.get()
                .uri("/api/v1/alerts/{fingerprint}", "0000000000000000")
                .headers(tokens.as("viewer"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ALERT_NOT_FOUND")
                .jsonPath("$.detail")
                .isEqualTo("No alert with fingerprint 0000000000000000");
    }

    private RestTestClient.ResponseSpec postWebhook(String... alerts) {
        return client.post()
                .uri("/api/v1/alerts/webhook")
                .headers(tokens.as("operator"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(webhook(alerts))
                .exchange();
    }

    private List<String> eventTypes(String fingerprint) {
        return jdbc.queryForList(
                "select event_type from outbox_event where aggregate_id = ? order by id", String.class, fingerprint);
    }

    private static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** One alert as Alertmanager 0.25 sends it; {@code extraLabels} is inserted verbatim into its labels. */
    private static String alert(String status, String fingerprint, String extraLabels, UUID clusterId) {
        return alert(status, fingerprint, extraLabels, clusterId, "edge-paris-01", "2026-01-15T09:41:02.117Z");
    }

    private static String alert(
            String status,
            String fingerprint,
            String extraLabels,
            UUID clusterId,
            String clusterName,
            String startsAt) {
        String endsAt = status.equals("resolved") ? "2026-01-15T09:58:02.117Z" : "0001-01-01T00:00:00Z";
        String cluster =
                clusterId == null ? "" : "\"cluster_id\": \"" + clusterId + "\", \"cluster\": \"" + clusterName + "\",";
        return """
                {
                  "status": "%s",
                  "labels": {
                    %s %s
                    "alertname": "KubePodCrashLooping",
                    "container": "upf",
                    "namespace": "cnf-upf",
                    "pod": "upf-7d9f8b6c5-x2x4k",
                    "prometheus": "openshift-monitoring/k8s"
                  },
                  "annotations": {
                    "summary": "Pod is crash looping.",
                    "runbook_url": "https://runbooks.example.net/KubePodCrashLooping"
                  },
                  "startsAt": "%s",
                  "endsAt": "%s",
                  "generatorURL": "https://console-openshift-console.apps.edge-paris-01.example.net/monitoring/graph?g0.expr=up",
                  "fingerprint": "%s"
                }
                """.formatted(status, cluster, extraLabels, startsAt, endsAt, fingerprint);
    }

    private static String webhook(String... alerts) {
        return """
                {
                  "receiver": "aiops-webhook",
                  "status": "firing",
                  "alerts": [%s],
                  "groupLabels": {"alertname": "KubePodCrashLooping"},
                  "commonLabels": {"alertname": "KubePodCrashLooping", "namespace": "cnf-upf"},
                  "commonAnnotations": {},
                  "externalURL": "https://alertmanager-main-openshift-monitoring.apps.edge-paris-01.example.net",
                  "version": "4",
                  "groupKey": "{}:{alertname=\\"KubePodCrashLooping\\"}",
                  "truncatedAlerts": 0
                }
                """.formatted(String.join(",", alerts));
    }
}
