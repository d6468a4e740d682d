package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTests {

    @Test
    void repoRootIsFoundFromTheClassesFolder() {
        assertThat(Launcher.repoRoot().resolve("launcher/pom.xml")).exists();
    }

    @Test
    void wipeDeletesADataFolder(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("postgres/base"));
        Files.writeString(data.resolve("dev-secret"), "x");
        Files.writeString(data.resolve("postgres/base/file"), "x");

        Launcher.wipe(data, dir.resolve("repo"));

        assertThat(data).doesNotExist();
    }

    @Test
    void wipeRefusesAFolderThatIsNotADataFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "precious");

        assertThatThrownBy(() -> Launcher.wipe(dir, dir.resolve("repo"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Launcher.wipe(dir, dir)).isInstanceOf(IllegalStateException.class);
        assertThat(dir.resolve("thesis.tex")).exists();
    }

    @Test
    void serviceEnvironmentPointsAtTheEmbeddedInfrastructure(@TempDir Path dir) {
        InfraProcesses infra = new InfraProcesses(dir, dir.resolve("logs"), 15432, 16379);
        Map<String, String> env = Launcher.serviceEnvironment(infra, "s3cret", dir);
        assertThat(env)
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:15432/aiops")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "postgres")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "postgres")
                .containsEntry("SPRING_DATA_REDIS_HOST", "localhost")
                .containsEntry("SPRING_DATA_REDIS_PORT", "16379")
                .containsEntry("AIOPS_SECURITY_DEV_MODE", "true")
                .containsEntry("AIOPS_SECURITY_DEV_SECRET", "s3cret")
                .containsEntry("AIOPS_REGISTRY_URL_GUARD_ALLOW_LOOPBACK", "true")
                .containsEntry("AIOPS_COLLECTOR_FEDERATION_URL_GUARD_ALLOW_LOOPBACK", "true")
                .containsEntry(
                        "AIOPS_PORCH_GIT_DIRECTORY", dir.resolve("packages.git").toString())
                .containsEntry("SPRING_PROFILES_ACTIVE", "local");
    }

    @Test
    void portsTakenMessageNamesEachPort(@TempDir Path dir) {
        LauncherOptions options = LauncherOptions.parse(List.of(), Map.of(), dir);
        String message = Launcher.portsTakenMessage(List.of(8080, 15432), options, ServiceSpec.ALL, dir);
        assertThat(message).contains("8080 (gateway)", "15432 (PostgreSQL)");
    }

    @Test
    void childrenRecordedInThePidFileAreReportedWhileAlive(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("launcher.pid");
        Files.writeString(pid, "1\n");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Launcher.recordChild(pid, "cluster-registry", sleeper.pid());
            Launcher.recordChild(pid, "redis", Long.MAX_VALUE);

            assertThat(Launcher.readPid(pid)).contains(1L);
            assertThat(Launcher.aliveChildren(pid)).containsExactly(Map.entry("cluster-registry", sleeper.pid()));
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
        assertThat(Launcher.aliveChildren(pid)).isEmpty();
    }

    @Test
    void pidFileParsing(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("launcher.pid");
        assertThat(Launcher.readPid(pid)).isEmpty();
        Files.writeString(pid, "1234\n");
        assertThat(Launcher.readPid(pid)).contains(1234L);
        Files.writeString(pid, "garbage");
        assertThat(Launcher.readPid(pid)).isEmpty();
    }
}
