package dev.aiops.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.collector.ObservabilityCollectorApplication;
import dev.aiops.collector.support.FederationIntegrationTest;
import dev.aiops.platform.test.Tokens;
import dev.aiops.testkit.AlertmanagerServer;
import dev.aiops.testkit.FreePorts;
import dev.aiops.testkit.MetricsEndpoint;
import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.PrometheusServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole path with real servers: a real Prometheus evaluates an alerting rule over a target this test
 * serves, a real Alertmanager (Debian's prometheus-alertmanager 0.25) routes the alert to the collector's
 * webhook (with the cluster's basic-auth credentials in the URL, as Alertmanager sends them), and the
 * collector polls that Alertmanager's API v2. Prometheus evaluates every second and Alertmanager groups
 * within a second (test-kit settings); the collector polls every second (application-test.yml).
 */
class AlertmanagerRoundTripTests extends FederationIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void shouldRecordFiringThenResolvedWhenARealAlertmanagerDeliversARealPrometheusAlert() {
        String cluster = "am-real";
        String prometheusUrl = FIXTURE.fleet().prometheus(FIXTURE.alpha()).url().toString();
        // no alertmanager_url: nothing polls this cluster, so every transition below came by the webhook
        UUID clusterId = FIXTURE.register(tokens.token("operator"), cluster, prometheusUrl);
        URI webhook = URI.create(
                "http://alertmanager:real-secret@127.0.0.1:" + port + "/api/v1/alerts/webhook?cluster=" + cluster);
        try (MetricsEndpoint target = MetricsEndpoint.serving("aiops_alert_probe{case=\"real\"} 1\n");
                AlertmanagerServer alertmanager =
                        AlertmanagerServer.builder().webhook(webhook).start();
                PrometheusServer prometheus = PrometheusServer.builder()
                        .scrapeTarget("probe", target.hostPort(), MetricsEndpoint.PATH)
                        .rules(rule("AiopsRealProbe", "aiops_alert_probe{case=\"real\"} > 0"))
                        .alertmanager(alertmanager.hostPort())
                        .start()) {

            Awaitility.await("AiopsRealProbe firing in the collector")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> state(jdbc, clusterId, "AiopsRealProbe"), "FIRING"::equals);
            String fingerprint = fingerprint(jdbc, clusterId, "AiopsRealProbe");
            assertThat(jdbc.queryForMap(
                            "select severity, cluster_name, labels->>'case' as probe from alert where cluster_id = ?"
                                    + " and fingerprint = ?",
                            clusterId,
                            fingerprint))
                    .containsEntry("severity", "CRITICAL")
                    .containsEntry("cluster_name", cluster)
                    .containsEntry("probe", "real");
            assertThat(alertmanager.alerts()).contains(fingerprint);

            target.serve("aiops_alert_probe{case=\"real\"} 0\n");

            Awaitility.await("AiopsRealProbe resolved in the collector")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> state(jdbc, clusterId, "AiopsRealProbe"), "RESOLVED"::equals);
            assertThat(history(jdbc, clusterId, fingerprint)).containsExactly("FIRING/WEBHOOK", "RESOLVED/WEBHOOK");
            assertThat(events(jdbc, fingerprint)).containsExactly("ALERT_FIRED", "ALERT_RESOLVED");
            assertThat(jdbc.queryForObject(
                            "select ends_at is not null from alert where cluster_id = ? and fingerprint = ?",
                            Boolean.class,
                            clusterId,
                            fingerprint))
                    .isTrue();
        }
    }

    @Test
    void shouldRecoverAlertsFiredAndCloseAlertsResolvedWhileTheCollectorWasDown() {
        String cluster = "am-restart";
        PostgresDatabase database = SharedPostgres.get().createDatabase("collector_alerts_restart");
        int firstPort = FreePorts.find();
        URI webhook = URI.create("http://alertmanager:restart-secret@127.0.0.1:" + firstPort
                + "/api/v1/alerts/webhook?cluster=" + cluster);
        try (MetricsEndpoint target = MetricsEndpoint.serving(
                        "aiops_alert_probe{case=\"closes\"} 1\naiops_alert_probe{case=\"recovers\"} 0\n");
                AlertmanagerServer alertmanager =
                        AlertmanagerServer.builder().webhook(webhook).start();
                PrometheusServer prometheus = PrometheusServer.builder()
                        .scrapeTarget("probe", target.hostPort(), MetricsEndpoint.PATH)
                        .rules(rule("AiopsRestartProbe", "aiops_alert_probe > 0"))
                        .alertmanager(alertmanager.hostPort())
                        .start()) {
            UUID clusterId = FIXTURE.register(
                    tokens.token("operator"),
                    cluster,
                    FIXTURE.fleet().prometheus(FIXTURE.alpha()).url().toString(),
                    alertmanager.url().toString());

            // 1. the collector runs: "closes" fires, seen by the webhook and by the poll, recorded once
            String closes;
            try (ConfigurableApplicationContext collector = startCollector(database, firstPort)) {
                JdbcTemplate db = collector.getBean(JdbcTemplate.class);
                Awaitility.await("closes firing in the first collector")
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> probeState(db, clusterId, "closes"), "FIRING"::equals);
                closes = probeFingerprint(db, clusterId, "closes");
                // several poll rounds (1 s) and Alertmanager group intervals (1 s) later: still one event
                Awaitility.await("one ALERT_FIRED for closes")
                        .during(Duration.ofSeconds(5))
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> events(db, closes), List.of("ALERT_FIRED")::equals);
            }

            // 2. the collector is down: "closes" resolves and "recovers" fires
            target.serve("aiops_alert_probe{case=\"closes\"} 0\naiops_alert_probe{case=\"recovers\"} 1\n");
            Awaitility.await("Alertmanager lists recovers and no longer closes")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        String active = alertmanager.alerts();
                        return active.contains("\"case\":\"recovers\"") && !active.contains(closes);
                    });

            // 3. restarted on another port: Alertmanager's webhook still points at the old one, only the poll
            // can tell this collector what happened
            try (ConfigurableApplicationContext collector = startCollector(database, FreePorts.find())) {
                JdbcTemplate db = collector.getBean(JdbcTemplate.class);
                Awaitility.await("recovers firing and closes resolved after the restart")
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> "FIRING".equals(probeState(db, clusterId, "recovers"))
                                && "RESOLVED".equals(probeState(db, clusterId, "closes")));
                String recovers = probeFingerprint(db, clusterId, "recovers");
                assertThat(history(db, clusterId, recovers)).containsExactly("FIRING/POLL");
                assertThat(history(db, clusterId, closes)).endsWith("RESOLVED/POLL");
                assertThat(events(db, recovers)).containsExactly("ALERT_FIRED");
                assertThat(events(db, closes)).containsExactly("ALERT_FIRED", "ALERT_RESOLVED");
                assertThat(db.queryForObject(
                                "select ends_at is not null from alert where cluster_id = ? and fingerprint = ?",
                                Boolean.class,
                                clusterId,
                                closes))
                        .isTrue();
            }
        }
    }

    /**
     * An HA pair as Prometheus's documentation sets it up: two Alertmanagers gossiping as one cluster, the one
     * Prometheus sending every alert to both. With no peer timeout both notify (as a pair whose gossip lags
     * its notifications does), so the same firing and the same resolution reach the webhook twice, from two
     * processes; the collector records each once.
     */
    @Test
    void shouldRecordOneFiringAndOneResolutionWhenBothAlertmanagersOfAnHaPairDeliver() {
        String cluster = "am-ha";
        UUID clusterId = FIXTURE.register(
                tokens.token("operator"),
                cluster,
                FIXTURE.fleet().prometheus(FIXTURE.alpha()).url().toString());
        URI webhook = URI.create(
                "http://alertmanager:ha-secret@127.0.0.1:" + port + "/api/v1/alerts/webhook?cluster=" + cluster);
        try (MetricsEndpoint target = MetricsEndpoint.serving("aiops_alert_probe{case=\"ha\"} 1\n");
                AlertmanagerServer first = AlertmanagerServer.builder()
                        .webhook(webhook)
                        .cluster()
                        .peerTimeout(Duration.ZERO)
                        .start();
                AlertmanagerServer second = AlertmanagerServer.builder()
                        .webhook(webhook)
                        .peer(first.clusterHostPort())
                        .peerTimeout(Duration.ZERO)
                        .start()) {
            Awaitility.await("the two Alertmanagers joined one cluster")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> metric(first, "alertmanager_cluster_members") == 2
                            && metric(second, "alertmanager_cluster_members") == 2);

            try (PrometheusServer prometheus = PrometheusServer.builder()
                    .scrapeTarget("probe", target.hostPort(), MetricsEndpoint.PATH)
                    .rules(rule("AiopsHaProbe", "aiops_alert_probe{case=\"ha\"} > 0"))
                    .alertmanager(first.hostPort())
                    .alertmanager(second.hostPort())
                    .start()) {

                Awaitility.await("both Alertmanagers delivered the firing alert")
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> delivered(first) >= 1 && delivered(second) >= 1);
                // an Alertmanager counts a notification when it starts sending it, so the row may still be in flight
                Awaitility.await("the firing alert recorded")
                        .atMost(PATIENCE)
                        .until(() -> state(jdbc, clusterId, "AiopsHaProbe") != null);
                String fingerprint = fingerprint(jdbc, clusterId, "AiopsHaProbe");
                Awaitility.await("one ALERT_FIRED for the pair's two deliveries")
                        .during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> events(jdbc, fingerprint), List.of("ALERT_FIRED")::equals);
                assertThat(history(jdbc, clusterId, fingerprint)).containsExactly("FIRING/WEBHOOK");

                double firedFirst = delivered(first);
                double firedSecond = delivered(second);
                target.serve("aiops_alert_probe{case=\"ha\"} 0\n");

                Awaitility.await("both Alertmanagers delivered the resolution")
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> delivered(first) > firedFirst && delivered(second) > firedSecond);
                Awaitility.await("one ALERT_RESOLVED for the pair's two deliveries")
                        .during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> events(jdbc, fingerprint), List.of("ALERT_FIRED", "ALERT_RESOLVED")::equals);
                assertThat(history(jdbc, clusterId, fingerprint)).containsExactly("FIRING/WEBHOOK", "RESOLVED/WEBHOOK");
                assertThat(state(jdbc, clusterId, "AiopsHaProbe")).isEqualTo("RESOLVED");
                assertThat(jdbc.queryForObject(
                                "select count(*) from alert where cluster_id = ? and alertname = ?",
                                Integer.class,
                                clusterId,
                                "AiopsHaProbe"))
                        .isEqualTo(1);
            }
        }
    }

    /** Webhook notifications an Alertmanager sent that the collector accepted (attempted less failed). */
    private static double delivered(AlertmanagerServer alertmanager) {
        return metric(alertmanager, "alertmanager_notifications_total{integration=\"webhook\"}")
                - metric(alertmanager, "alertmanager_notifications_failed_total{integration=\"webhook\"}");
    }

    /** One sample of an Alertmanager's own metrics, 0 when it has none yet. */
    private static double metric(AlertmanagerServer alertmanager, String series) {
        return alertmanager
                .metrics()
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst()
                .orElse(0);
    }

    /**
     * A second collector on its own database (so the test context's poll of the same Alertmanager cannot do
     * its work), the shared Redis and the fixture's registry, all given as arguments: never the platform's
     * local defaults.
     */
    private static ConfigurableApplicationContext startCollector(PostgresDatabase database, int port) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.data.redis.host", SharedRedis.get().host());
        properties.put("spring.data.redis.port", SharedRedis.get().port());
        properties.put(
                "aiops.services.cluster-registry.url", FIXTURE.registryUrl().toString());
        properties.put("aiops.events.instance-id", "observability-collector-restart-" + port);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ObservabilityCollectorApplication.class)
                .profiles("test")
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        if (!database.jdbcUrl().equals(context.getEnvironment().getProperty("spring.datasource.url"))) {
            context.close();
            throw new IllegalStateException("the second collector did not take the test's database");
        }
        return context;
    }

    private static String rule(String name, String expr) {
        return """
                groups:
                  - name: aiops-test
                    interval: 1s
                    rules:
                      - alert: %s
                        expr: '%s'
                        for: 0s
                        labels:
                          severity: critical
                        annotations:
                          summary: probe above zero
                """.formatted(name, expr);
    }

    private static String state(JdbcTemplate db, UUID clusterId, String alertname) {
        List<String> states = db.queryForList(
                "select state from alert where cluster_id = ? and alertname = ?", String.class, clusterId, alertname);
        return states.isEmpty() ? null : states.get(0);
    }

    private static String fingerprint(JdbcTemplate db, UUID clusterId, String alertname) {
        return db.queryForObject(
                "select fingerprint from alert where cluster_id = ? and alertname = ?",
                String.class,
                clusterId,
                alertname);
    }

    private static String probeState(JdbcTemplate db, UUID clusterId, String probe) {
        List<String> states = db.queryForList(
                "select state from alert where cluster_id = ? and labels->>'case' = ?", String.class, clusterId, probe);
        return states.isEmpty() ? null : states.get(0);
    }

    private static String probeFingerprint(JdbcTemplate db, UUID clusterId, String probe) {
        return db.queryForObject(
                "select fingerprint from alert where cluster_id = ? and labels->>'case' = ?",
                String.class,
                clusterId,
                probe);
    }

    private static List<String> history(JdbcTemplate db, UUID clusterId, String fingerprint) {
        return db.queryForList(
                "select state || '/' || source from alert_history where cluster_id = ? and fingerprint = ? order by id",
                String.class,
                clusterId,
                fingerprint);
    }

    private static List<String> events(JdbcTemplate db, String fingerprint) {
        return db.queryForList(
                "select event_type from outbox_event where aggregate_id = ? order by id", String.class, fingerprint);
    }
}
