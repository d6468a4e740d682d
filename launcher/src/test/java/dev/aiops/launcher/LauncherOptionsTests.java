package dev.aiops.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.launcher.LauncherOptions.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherOptionsTests {

    private static final Path DEFAULT_DATA = Path.of("/repo/data");

    private static LauncherOptions parse(String... args) {
        return LauncherOptions.parse(List.of(args), Map.of(), DEFAULT_DATA);
    }

    @Test
    void defaults() {
        LauncherOptions o = parse();
        assertThat(o.wipe()).isFalse();
        assertThat(o.noBuild()).isFalse();
        assertThat(o.help()).isFalse();
        assertThat(o.dataDir()).isEqualTo(DEFAULT_DATA);
        assertThat(o.pgPort()).isEqualTo(15432);
        assertThat(o.redisPort()).isEqualTo(16379);
        assertThat(o.services()).isEqualTo(ServiceSpec.ALL);
    }

    @Test
    void wipeDataDirAndNoBuild() {
        LauncherOptions o = parse("--wipe", "--data-dir", "/tmp/x", "--no-build");
        assertThat(o.wipe()).isTrue();
        assertThat(o.noBuild()).isTrue();
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void relativeDataDirIsMadeAbsolute() {
        assertThat(parse("--data-dir", "some/where").dataDir()).isAbsolute().endsWithRaw(Path.of("some/where"));
    }

    @Test
    void onlyKeepsStartOrderWithGatewayLast() {
        LauncherOptions o = parse("--only", "gateway, cluster-registry");
        assertThat(o.services()).extracting(ServiceSpec::name).containsExactly("cluster-registry", "gateway");
    }

    @Test
    void equalsSignForms() {
        LauncherOptions o = parse("--only=intent-service", "--data-dir=/d", "--pg-port=25432", "--redis-port=26379");
        assertThat(o.services()).extracting(ServiceSpec::name).containsExactly("intent-service");
        assertThat(o.dataDir()).isEqualTo(Path.of("/d"));
        assertThat(o.pgPort()).isEqualTo(25432);
        assertThat(o.redisPort()).isEqualTo(26379);
    }

    @Test
    void portsFromEnvironment() {
        LauncherOptions o = LauncherOptions.parse(
                List.of(),
                Map.of("AIOPS_PG_PORT", "5555", "AIOPS_REDIS_PORT", "6666", "AIOPS_DATA_DIR", "/env/data"),
                DEFAULT_DATA);
        assertThat(o.pgPort()).isEqualTo(5555);
        assertThat(o.redisPort()).isEqualTo(6666);
        assertThat(o.dataDir()).isEqualTo(Path.of("/env/data"));
    }

    @Test
    void flagsBeatEnvironment() {
        LauncherOptions o =
                LauncherOptions.parse(List.of("--pg-port", "7777"), Map.of("AIOPS_PG_PORT", "5555"), DEFAULT_DATA);
        assertThat(o.pgPort()).isEqualTo(7777);
    }

    @Test
    void help() {
        assertThat(parse("--help").help()).isTrue();
        assertThat(parse("-h").help()).isTrue();
        assertThat(LauncherOptions.USAGE).contains("--wipe", "--only", "--data-dir", "gateway");
    }

    @Test
    void unknownFlagIsAnError() {
        assertThatThrownBy(() -> parse("--wipe", "--frobnicate"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown option: --frobnicate");
    }

    @Test
    void unknownServiceIsAnError() {
        assertThatThrownBy(() -> parse("--only", "gateway,nope"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("cluster-registry");
    }

    @Test
    void missingValuesAreErrors() {
        assertThatThrownBy(() -> parse("--only")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("--only", ",")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("--data-dir", "--wipe")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("--pg-port", "x")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("--pg-port", "70000")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("--wipe=yes")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("--pg-port", "9000", "--redis-port", "9000"))
                .isInstanceOf(UsageException.class);
    }
}
