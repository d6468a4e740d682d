package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSpecTests {

    @Test
    void everyServiceWithItsPort() {
        assertThat(ServiceSpec.ALL)
                .extracting(ServiceSpec::name, ServiceSpec::port)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("gateway", 8080),
                        org.assertj.core.groups.Tuple.tuple("cluster-registry", 8081),
                        org.assertj.core.groups.Tuple.tuple("observability-collector", 8082),
                        org.assertj.core.groups.Tuple.tuple("intelligence-engine", 8083),
                        org.assertj.core.groups.Tuple.tuple("intent-service", 8084),
                        org.assertj.core.groups.Tuple.tuple("porch-adapter", 8085),
                        org.assertj.core.groups.Tuple.tuple("realtime-streaming", 8086));
        assertThat(ServiceSpec.ALL).extracting(ServiceSpec::port).doesNotHaveDuplicates();
    }

    @Test
    void gatewayStartsLast() {
        assertThat(ServiceSpec.ALL.get(ServiceSpec.ALL.size() - 1).isGateway()).isTrue();
        assertThat(ServiceSpec.ALL.stream().filter(ServiceSpec::isGateway)).hasSize(1);
    }

    @Test
    void urls() {
        ServiceSpec registry = new ServiceSpec("cluster-registry", 8081);
        assertThat(registry.baseUrl()).isEqualTo("http://localhost:8081");
        assertThat(registry.healthUrl()).isEqualTo("http://localhost:8081/actuator/health");
    }

    @Test
    void jarPathIsTheModulesTargetJar() {
        Path root = Path.of("/repo");
        assertThat(new ServiceSpec("porch-adapter", 8085).jarPath(root))
                .isEqualTo(Path.of("/repo/porch-adapter/target/porch-adapter-0.1.0-SNAPSHOT.jar"));
    }

    @Test
    void findJarPrefersTheExactNameAndIgnoresSourcesJars(@TempDir Path root) throws Exception {
        ServiceSpec spec = new ServiceSpec("intent-service", 8084);
        Path target = Files.createDirectories(root.resolve("intent-service/target"));
        assertThat(spec.findJar(root)).isEmpty();

        Files.createFile(target.resolve("intent-service-0.2.0-sources.jar"));
        assertThat(spec.findJar(root)).isEmpty();

        Files.createFile(target.resolve("intent-service-0.2.0.jar"));
        assertThat(spec.findJar(root)).contains(target.resolve("intent-service-0.2.0.jar"));

        Files.createFile(spec.jarPath(root));
        assertThat(spec.findJar(root)).contains(spec.jarPath(root));
    }

    @Test
    void selectRejectsUnknownNames() {
        assertThat(ServiceSpec.select(List.of())).isEqualTo(ServiceSpec.ALL);
        assertThat(ServiceSpec.select(Set.of("realtime-streaming")))
                .extracting(ServiceSpec::port)
                .containsExactly(8086);
        assertThatThrownBy(() -> ServiceSpec.select(Set.of("gateway", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[x]");
    }
}
