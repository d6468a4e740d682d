package dev.aiops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class AlertmanagerServerTests {

    @Test
    void shouldBeReadyWithNoAlerts() {
        try (AlertmanagerServer alertmanager = AlertmanagerServer.start()) {
            // Http.get fails on anything but 200
            Http.get(alertmanager.url().resolve("/-/ready"));
            assertThat(alertmanager.isRunning()).isTrue();

            assertThat(alertmanager.alerts().trim()).isEqualTo("[]");
        }
    }

    @Test
    void shouldExplainHowToInstallAMissingBinary() {
        String previous = System.getProperty(AlertmanagerServer.BINARY_VARIABLE);
        System.setProperty(AlertmanagerServer.BINARY_VARIABLE, "/nonexistent/alertmanager");
        try {
            assertThatIllegalStateException()
                    .isThrownBy(AlertmanagerServer::start)
                    .withMessageContaining("apt-get install -y prometheus prometheus-alertmanager");
        } finally {
            if (previous == null) {
                System.clearProperty(AlertmanagerServer.BINARY_VARIABLE);
            } else {
                System.setProperty(AlertmanagerServer.BINARY_VARIABLE, previous);
            }
        }
    }
}
