package dev.aiops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusServerTests {

    @Test
    void shouldBeReadyAndAnswerInstantQueries() {
        try (PrometheusServer prometheus = PrometheusServer.start()) {
            assertThat(Http.get(prometheus.url().resolve("/-/ready"))).containsIgnoringCase("ready");

            assertThat(prometheus.query("up")).contains("\"status\":\"success\"", "\"resultType\":\"vector\"");
        }
    }

    @Test
    void shouldScrapeItselfAndEvaluateGivenRules() throws InterruptedException {
        String rules = """
                groups:
                  - name: kit
                    rules:
                      - record: kit:answer
                        expr: vector(42)
                """;
        try (PrometheusServer prometheus =
                PrometheusServer.builder().rules(rules).start()) {
            String up = Polling.until(
                    () -> prometheus.query("up{job=\"prometheus\"}"),
                    json -> json.contains("\"value\""),
                    Duration.ofSeconds(30));
            assertThat(up).contains("\"1\"]");

            String answer = Polling.until(
                    () -> prometheus.query("kit:answer"), json -> json.contains("\"value\""), Duration.ofSeconds(30));
            assertThat(answer).contains("\"42\"]");
        }
    }

    @Test
    void shouldDeliverFiringAlertsToAlertmanager() throws InterruptedException {
        String rules = """
                groups:
                  - name: kit
                    rules:
                      - alert: KitAlwaysFiring
                        expr: vector(1)
                        labels:
                          severity: warning
                """;
        try (AlertmanagerServer alertmanager = AlertmanagerServer.start();
                PrometheusServer prometheus = PrometheusServer.builder()
                        .rules(rules)
                        .alertmanager(alertmanager.hostPort())
                        .start()) {
            String alerts = Polling.until(
                    alertmanager::alerts, json -> json.contains("KitAlwaysFiring"), Duration.ofSeconds(60));

            assertThat(alerts).contains("\"severity\":\"warning\"");
            assertThat(prometheus.isRunning()).isTrue();
        }
    }

    @Test
    void shouldStopAndFreeItsPort() {
        PrometheusServer prometheus = PrometheusServer.start();
        URI ready = prometheus.url().resolve("/-/ready");

        prometheus.stop();

        assertThat(prometheus.isRunning()).isFalse();
        assertThat(canConnect(ready)).isFalse();
    }

    @Test
    void shouldExplainHowToInstallAMissingBinary() {
        String previous = System.getProperty(PrometheusServer.BINARY_VARIABLE);
        System.setProperty(PrometheusServer.BINARY_VARIABLE, "/nonexistent/prometheus");
        try {
            assertThatIllegalStateException()
                    .isThrownBy(PrometheusServer::start)
                    .withMessageContaining("/nonexistent/prometheus")
                    .withMessageContaining("apt-get install -y prometheus prometheus-alertmanager");
        } finally {
            if (previous == null) {
                System.clearProperty(PrometheusServer.BINARY_VARIABLE);
            } else {
                System.setProperty(PrometheusServer.BINARY_VARIABLE, previous);
            }
        }
    }

    private static boolean canConnect(URI uri) {
        try (var socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
