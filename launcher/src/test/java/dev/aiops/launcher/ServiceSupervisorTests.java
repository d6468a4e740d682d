package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against {@link FakeService} JVMs. */
class ServiceSupervisorTests {

    private static Function<ServiceSpec, List<String>> fakeCommand() {
        return spec -> List.of(
                ServiceSupervisor.currentJava(),
                "-cp",
                System.getProperty("java.class.path"),
                FakeService.class.getName(),
                spec.name().startsWith("dying") ? "die" : "up");
    }

    private static ServiceSupervisor supervisor(Path dir) {
        return new ServiceSupervisor(
                fakeCommand(),
                Map.of("FAKE_MARKER", "from-launcher"),
                dir.resolve("logs"),
                dir,
                Duration.ofSeconds(60),
                2);
    }

    @Test
    void startsWaitsForUpAndStopsWithDescendants(@TempDir Path dir) throws Exception {
        ServiceSupervisor supervisor = supervisor(dir);
        List<ServiceSpec> services = List.of(
                new ServiceSpec("fake-one", PortCheck.freePort()),
                new ServiceSpec("fake-two", PortCheck.freePort()),
                new ServiceSpec("fake-three", PortCheck.freePort()));
        List<ProcessHandle> all = new ArrayList<>();
        try {
            supervisor.startAll(services);

            assertThat(supervisor.running()).hasSize(3);
            supervisor.running().values().forEach(p -> {
                all.add(p.toHandle());
                all.addAll(p.descendants().toList());
            });
            assertThat(all).hasSizeGreaterThanOrEqualTo(6).allMatch(ProcessHandle::isAlive);
            assertThat(Files.readString(supervisor.logFile(services.get(0))))
                    .contains("fake service UP on " + services.get(0).port())
                    .contains("marker from-launcher");
        } finally {
            supervisor.stopAll(Duration.ofSeconds(15));
        }
        for (ProcessHandle p : all) {
            p.onExit().get();
            assertThat(p.isAlive()).isFalse();
        }
        assertThat(supervisor.running()).isEmpty();
    }

    @Test
    void aServiceThatDiesWhileStartingIsReportedWithItsLog(@TempDir Path dir) throws Exception {
        ServiceSupervisor supervisor = supervisor(dir);
        ServiceSpec dying = new ServiceSpec("dying-service", PortCheck.freePort());
        try {
            assertThatThrownBy(() -> supervisor.startAll(List.of(dying)))
                    .isInstanceOfSatisfying(ServiceSupervisor.StartupFailure.class, f -> {
                        assertThat(f.service()).isEqualTo(dying);
                        assertThat(f.getMessage()).contains("dying-service", "exited with code 3");
                        assertThat(f.logTail()).contains("fake failure: could not connect to the database");
                    });
        } finally {
            supervisor.stopAll(Duration.ofSeconds(15));
        }
    }

    @Test
    void nothingStartsAfterStop(@TempDir Path dir) {
        ServiceSupervisor supervisor = supervisor(dir);
        supervisor.stopAll(Duration.ofSeconds(1));
        assertThatThrownBy(() -> supervisor.startAll(List.of(new ServiceSpec("fake-late", 1))))
                .isInstanceOf(InterruptedException.class);
        assertThat(supervisor.running()).isEmpty();
    }
}
